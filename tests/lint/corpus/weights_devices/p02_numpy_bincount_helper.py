import numpy as np
import torch
import torch.nn.functional as F


def inverse_frequency(labels):
    counts = np.bincount(labels)  # expect: WCE201
    return torch.tensor(len(labels) / np.maximum(counts, 1), dtype=torch.float32)


def loss_fn(logits, y, labels):
    return F.cross_entropy(logits, y, weight=inverse_frequency(labels))
