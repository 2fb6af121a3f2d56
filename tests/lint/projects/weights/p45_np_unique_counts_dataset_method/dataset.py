import numpy as np
import torch
from torch.utils.data import Dataset


class BeatDataset(Dataset):
    """Heartbeats cut around the R peak, one AAMI class per beat."""

    def __init__(self, path):
        arrays = np.load(path)
        self.beats = arrays["beats"].astype(np.float32)
        self.labels = arrays["labels"].astype(np.int64)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return torch.from_numpy(self.beats[index]).unsqueeze(0), int(self.labels[index])

    def class_weights(self):
        classes, counts = np.unique(self.labels, return_counts=True)  # expect: WCE201
        weights = counts.max() / counts
        return torch.from_numpy(weights).float()
