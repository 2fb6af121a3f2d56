import numpy as np
import torch


def load_split(path):
    arrays = np.load(path)
    return torch.from_numpy(arrays["x"]).float(), torch.from_numpy(arrays["y"]).long()


def class_weights(y):
    """Share of each class in the labels: rarer classes weigh more."""
    _, counts = np.unique(y.numpy(), return_counts=True)  # expect: WCE201
    weights = counts.sum() / counts
    return torch.tensor(weights, dtype=torch.float32)
