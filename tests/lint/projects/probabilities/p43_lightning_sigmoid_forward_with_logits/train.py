import argparse

import pytorch_lightning as pl

from datamodule import CatDogImageDataModule
from transfer_model import TransferLearningModel


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="cats_and_dogs_filtered")
    parser.add_argument("--backbone", default="resnet50")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()

    pl.seed_everything(1234)
    datamodule = CatDogImageDataModule(args.root, batch_size=args.batch_size)
    model = TransferLearningModel(backbone=args.backbone)
    trainer = pl.Trainer(max_epochs=args.epochs, num_sanity_val_steps=0)
    trainer.fit(model, datamodule=datamodule)


if __name__ == "__main__":
    main()
