import numpy as np
import torch
from torch.utils.data import TensorDataset


def load_mitbih(path):
    table = np.loadtxt(path, delimiter=",", dtype=np.float32)
    beats = torch.from_numpy(table[:, :-1]).unsqueeze(1)
    labels = torch.from_numpy(table[:, -1]).long()
    counts = torch.bincount(labels, minlength=5).float()
    sample_weights = (1.0 / counts.clamp(min=1))[labels]
    return TensorDataset(beats, labels), sample_weights
