import numpy as np
import torch
from torch.utils.data import TensorDataset


def load_epochs(files):
    x = np.concatenate([np.load(f)["x"] for f in files]).astype(np.float32)
    y = np.concatenate([np.load(f)["y"] for f in files]).astype(np.int64)
    return TensorDataset(torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)), y


def stage_counts(train_y, test_y):
    all_ys = np.concatenate((train_y, test_y)).tolist()
    num_classes = len(np.unique(all_ys))
    return [all_ys.count(i) for i in range(num_classes)]


def class_weight(counts):
    total = sum(counts)
    return [total / (len(counts) * max(c, 1)) for c in counts]
