import numpy as np
import pandas as pd
import torch


def make_class_weights(labels):
    counts = pd.Series(labels).value_counts().sort_index()  # expect: WCE201
    w = 1.0 / np.sqrt(counts.values + 1)
    w = w / w.sum()
    return torch.tensor(w, dtype=torch.float32)
