import torch
from torch.utils.data import Subset


def region_subset(dataset, regions):
    """The patches of some regions only, and their targets as one tensor."""
    keep = [i for i, region in enumerate(dataset.regions) if region in regions]
    targets = torch.as_tensor([dataset.targets[i] for i in keep], dtype=torch.long)
    return Subset(dataset, keep), targets
