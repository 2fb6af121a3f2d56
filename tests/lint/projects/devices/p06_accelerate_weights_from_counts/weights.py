import torch


def balanced_class_weights(labels, num_classes):
    """sklearn's 'balanced' weights, n_samples / (n_classes * count), made with torch."""
    counts = torch.bincount(torch.as_tensor(labels), minlength=num_classes).float()
    return counts.sum() / (num_classes * counts.clamp(min=1))
