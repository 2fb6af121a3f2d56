from pytorch_lightning.cli import LightningCLI

from datamodule import CatDogImageDataModule
from transfer_model import TransferLearningModel


def cli_main():
    LightningCLI(
        TransferLearningModel,
        CatDogImageDataModule,
        seed_everything_default=1234,
        trainer_defaults={"max_epochs": 15, "num_sanity_val_steps": 0},
    )


if __name__ == "__main__":
    cli_main()
