import json

import torch


def label_counts(records, label_names):
    return {name: sum(1 for r in records if r["label"] == name) for name in label_names}


def class_weights(records, label_names):
    counts = label_counts(records, label_names)
    total = len(records)
    weights = {name: total / n for name, n in counts.items()}  # expect: WCE202
    return torch.tensor([weights[name] for name in label_names], dtype=torch.float32)


def load_records(path):
    with open(path) as f:
        return [json.loads(line) for line in f]
