import numpy as np
import torch
import torch.nn.functional as F


class WeightedCE:
    def __init__(self, weights_csv):
        table = np.genfromtxt(weights_csv, delimiter=",", skip_header=1)
        self.weight = torch.tensor(table[:, 1])

    def __call__(self, logits, target):
        return F.cross_entropy(logits, target, weight=self.weight)  # expect: WCE204
