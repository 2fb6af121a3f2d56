import torch


def balanced_class_weights(labels, num_classes):
    """n_samples / (n_classes * count), the 'balanced' heuristic of scikit-learn."""
    counts = torch.bincount(labels, minlength=num_classes).float()
    return counts.sum() / (num_classes * counts.clamp(min=1))
