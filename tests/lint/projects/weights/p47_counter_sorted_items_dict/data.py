import json
from collections import Counter

import torch


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def get_class_weights(labels):
    """1 / (n_classes * count) for each class, in the order of the class ids."""
    counts = dict(sorted(Counter(labels).items()))  # expect: WCE201
    weights = [1 / (len(counts) * n) for n in counts.values()]
    return torch.tensor(weights)
