import numpy as np


def few_shot_split(labels, shots, seed=0):
    """Keep at most `shots` images of each class present in `labels`."""
    rng = np.random.default_rng(seed)
    keep = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        keep.extend(rng.choice(idx, size=min(shots, len(idx)), replace=False))
    return np.asarray(sorted(keep))
