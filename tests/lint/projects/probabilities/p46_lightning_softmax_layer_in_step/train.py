import lightning as L
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint

from data import EmotionData
from module import EmotionClassifier

if __name__ == "__main__":
    L.seed_everything(42)
    data = EmotionData()
    model = EmotionClassifier()
    trainer = L.Trainer(
        max_epochs=4,
        precision="16-mixed",
        callbacks=[
            EarlyStopping("val_loss", patience=1),
            ModelCheckpoint(monitor="val_f1", mode="max"),
        ],
    )
    trainer.fit(model, datamodule=data)
