import numpy as np
import torch


def inverse_frequency_weights(counts_file):
    """One pixel count per line, in class order, as written by prepare_tiles.py."""
    counts = np.loadtxt(counts_file, dtype=np.int64)
    freq = counts / counts.sum()
    weights = 1.0 / freq  # expect: WCE202
    return torch.from_numpy((weights / weights.sum()).astype(np.float32))
