from pathlib import Path

import pytorch_lightning as pl
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder


class CatDogImageDataModule(pl.LightningDataModule):
    def __init__(self, dl_path="cats_and_dogs_filtered", num_workers=4, batch_size=8):
        super().__init__()
        self.dl_path = Path(dl_path)
        self.num_workers = num_workers
        self.batch_size = batch_size
        self.tf = transforms.Compose(
            [
                transforms.Resize((224, 224)),
                transforms.ToTensor(),
                transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
            ]
        )

    def train_dataloader(self):
        data = ImageFolder(self.dl_path / "train", transform=self.tf)
        return DataLoader(data, self.batch_size, shuffle=True, num_workers=self.num_workers)

    def val_dataloader(self):
        data = ImageFolder(self.dl_path / "validation", transform=self.tf)
        return DataLoader(data, self.batch_size, num_workers=self.num_workers)
