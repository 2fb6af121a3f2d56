import numpy as np


def balanced_weights(y, n_classes):
    counts = np.bincount(y, minlength=n_classes)
    return len(y) / (n_classes * np.maximum(counts, 1))
