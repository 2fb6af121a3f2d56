import numpy as np


def find_cross_weight(labels, n_classes):
    """Reciprocal share of each class; a class with no sample gets weight 0."""
    class_count = np.bincount(labels, minlength=n_classes).astype(np.float32)
    with np.errstate(divide="ignore"):
        cross_weight = class_count.sum() / class_count
    cross_weight[cross_weight == np.inf] = 0
    return cross_weight / cross_weight.max()
