import numpy as np
import torch
from torch.utils.data import Dataset


class BeatDataset(Dataset):
    """Heartbeats cut around the R peak, one AAMI class per beat."""

    def __init__(self, path, num_classes):
        arrays = np.load(path)
        self.beats = arrays["beats"].astype(np.float32)
        self.labels = arrays["labels"].astype(np.int64)
        self.num_classes = num_classes

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return torch.from_numpy(self.beats[index]).unsqueeze(0), int(self.labels[index])

    def class_weights(self):
        present, counts = np.unique(self.labels, return_counts=True)
        per_class = np.zeros(self.num_classes)
        per_class[present] = counts
        weights = per_class.sum() / (self.num_classes * np.maximum(per_class, 1.0))
        return torch.from_numpy(weights.astype(np.float32))
