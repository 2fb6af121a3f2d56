import numpy as np


def class_distribution(labels, num_classes):
    counts = np.bincount(labels, minlength=num_classes)
    return {c: counts[c] / len(labels) for c in range(num_classes)}


def median_frequency_balance(labels, num_classes):
    distribution = class_distribution(labels, num_classes)
    median = np.median(list(distribution.values()))
    return {c: median / freq for c, freq in distribution.items()}  # expect: WCE202
