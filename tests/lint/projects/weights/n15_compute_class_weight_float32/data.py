import numpy as np
import torch


def load_features(path):
    arrays = np.load(path)
    return torch.from_numpy(arrays["x"].astype(np.float32)), arrays["y"]
