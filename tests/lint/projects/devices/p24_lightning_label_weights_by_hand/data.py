import lightning as L
import torch
from torch.utils.data import DataLoader


class PlanetDataModule(L.LightningDataModule):
    def __init__(self, root, batch_size=64):
        super().__init__()
        self.root = root
        self.batch_size = batch_size

    def setup(self, stage=None):
        self.train_set = torch.load(f"{self.root}/train.pt")

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=8)
