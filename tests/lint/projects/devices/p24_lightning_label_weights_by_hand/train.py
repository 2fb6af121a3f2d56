import lightning as L

from data import PlanetDataModule
from module import SatelliteTagger

# clear, cloudy, haze, ..., the rare tags (blooming, blow_down, slash_burn) weigh the most
LABEL_WEIGHTS = [0.5, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 6.0, 8.0, 8.0, 8.0]

trainer = L.Trainer(accelerator="gpu", devices=1, precision="16-mixed", max_epochs=15)
trainer.fit(SatelliteTagger(LABEL_WEIGHTS), datamodule=PlanetDataModule("planet/", batch_size=64))
