import csv

import torch


def batches_of(path, size=32):
    with open(path) as handle:
        rows = [(int(label), [int(t) for t in text.split()]) for label, text in csv.reader(handle)]
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        width = max(len(tokens) for _, tokens in chunk)
        x = torch.tensor([tokens + [0] * (width - len(tokens)) for _, tokens in chunk])
        yield x, torch.tensor([label for label, _ in chunk])
