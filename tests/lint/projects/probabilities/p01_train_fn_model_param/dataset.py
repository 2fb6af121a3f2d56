import csv
import os

import torch
from torch.utils.data import Dataset


class MelDataset(Dataset):
    """Precomputed log-mel spectrograms stored as .pt files, one per clip."""

    def __init__(self, annotations, root, device="cpu"):
        with open(annotations) as handle:
            self.rows = list(csv.DictReader(handle))
        self.root = root
        self.device = device

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        row = self.rows[index]
        mel = torch.load(os.path.join(self.root, row["file"]))
        return mel, int(row["class_id"])
