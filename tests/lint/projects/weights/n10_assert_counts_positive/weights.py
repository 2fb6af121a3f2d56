import numpy as np


def inverse_frequency(labels, num_classes):
    counts = np.bincount(labels, minlength=num_classes)
    assert (counts > 0).all(), f"classes without a training sample: {np.flatnonzero(counts == 0)}"
    freq = counts / counts.sum()
    return (1.0 / freq).astype(np.float32)
