import torch
from torch.utils.data import WeightedRandomSampler


def make_sampler(targets):
    classes, counts = torch.unique(targets, return_counts=True)
    per_class = torch.zeros(int(classes.max()) + 1)
    per_class[classes] = 1.0 / counts.float()
    return WeightedRandomSampler(per_class[targets], num_samples=len(targets), replacement=True)
