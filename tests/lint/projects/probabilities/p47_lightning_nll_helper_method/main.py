import pytorch_lightning as pl

from mnist_data import MNISTDataModule
from mnist_module import LightningMNISTClassifier

if __name__ == "__main__":
    data_module = MNISTDataModule()
    model = LightningMNISTClassifier()
    trainer = pl.Trainer(max_epochs=3)
    trainer.fit(model, data_module)
