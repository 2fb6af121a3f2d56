import json

import torch


def load_pixel_counts(path):
    with open(path) as f:
        stats = json.load(f)
    return torch.tensor(stats["pixel_counts"], dtype=torch.float32)

