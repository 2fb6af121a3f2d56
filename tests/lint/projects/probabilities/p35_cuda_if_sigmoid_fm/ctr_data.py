import numpy as np
import torch
from torch.utils.data import Dataset


class CTRDataset(Dataset):
    """Advertising log: first column is the click, the others are categorical fields."""

    def __init__(self, path, feat_mapper=None, min_threshold=4):
        rows = np.loadtxt(path, dtype=np.int64, delimiter="\t")
        self.labels = rows[:, 0].astype(np.float32)
        fields = rows[:, 1:]
        if feat_mapper is None:
            feat_mapper = []
            for column in fields.T:
                values, counts = np.unique(column, return_counts=True)
                keep = values[counts >= min_threshold]
                feat_mapper.append({v: i for i, v in enumerate(keep)})
        self.feat_mapper = feat_mapper
        self.field_dims = np.array([len(m) + 1 for m in feat_mapper])
        offsets = np.concatenate(([0], np.cumsum(self.field_dims)[:-1]))
        encoded = np.stack(
            [[m.get(v, len(m)) for v in col] for m, col in zip(feat_mapper, fields.T)]
        )
        self.features = encoded.T + offsets

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return torch.from_numpy(self.features[index]), torch.tensor(self.labels[index])
