import numpy as np
import torch


def load_mnist(path="mnist.npz"):
    data = np.load(path)
    return (
        torch.from_numpy(data["x_train"]).float().flatten(1) / 255,
        torch.from_numpy(data["x_test"]).float().flatten(1) / 255,
        torch.from_numpy(data["y_train"]).long(),
        torch.from_numpy(data["y_test"]).long(),
    )
