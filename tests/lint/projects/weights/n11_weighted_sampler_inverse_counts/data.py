import numpy as np
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def balanced_loader(dataset, targets, batch_size=64):
    class_sample_count = np.bincount(targets)
    weight = 1.0 / class_sample_count
    samples_weight = torch.from_numpy(weight[targets])
    sampler = WeightedRandomSampler(samples_weight, num_samples=len(samples_weight))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
