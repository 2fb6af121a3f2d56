import numpy as np
import torch
from torchvision import datasets, transforms


class LesionData:
    def __init__(self, root):
        self.train_ds = datasets.ImageFolder(f"{root}/train", transform=transforms.ToTensor())

    def class_weights(self):
        counts = np.bincount(np.asarray(self.train_ds.targets))  # expect: WCE201
        weights = len(self.train_ds) / (len(counts) * np.maximum(counts, 1))
        return torch.from_numpy(weights).float()
