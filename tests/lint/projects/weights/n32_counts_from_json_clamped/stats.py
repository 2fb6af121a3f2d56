import json

import torch


def load_voxel_counts(path):
    with open(path) as f:
        return torch.tensor(json.load(f)["voxel_counts"], dtype=torch.float32)
