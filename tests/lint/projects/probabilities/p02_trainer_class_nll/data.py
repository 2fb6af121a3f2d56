import csv
from collections import Counter

import torch
from torch.utils.data import DataLoader, TensorDataset


def _tokenize(text):
    return text.lower().split()


def load_ag_news(path, batch_size, max_len=64, val_fraction=0.05):
    with open(path) as handle:
        rows = [(int(label), text) for label, text in csv.reader(handle)]
    counts = Counter(tok for _, text in rows for tok in _tokenize(text))
    vocab = {tok: i + 2 for i, (tok, _) in enumerate(counts.most_common(50000))}
    ids = torch.zeros(len(rows), max_len, dtype=torch.long)
    for i, (_, text) in enumerate(rows):
        toks = [vocab.get(t, 1) for t in _tokenize(text)][:max_len]
        ids[i, : len(toks)] = torch.tensor(toks)
    labels = torch.tensor([label for label, _ in rows])
    n_val = int(len(rows) * val_fraction)
    train = TensorDataset(ids[n_val:], labels[n_val:])
    val = TensorDataset(ids[:n_val], labels[:n_val])
    return DataLoader(train, batch_size, shuffle=True), DataLoader(val, batch_size), vocab
