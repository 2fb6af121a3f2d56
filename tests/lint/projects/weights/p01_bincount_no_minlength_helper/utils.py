import torch


def inverse_frequency_weights(labels):
    """Point-count reciprocal weights, as for the semantic classes of a LiDAR scan."""
    counts = torch.bincount(labels.flatten())  # expect: WCE201
    return counts.sum() / (len(counts) * counts.clamp(min=1).float())
