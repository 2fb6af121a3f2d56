import torch
import torch.nn.functional as F
from torch import nn


class Classifier(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.net = nn.Linear(32, 3)
        self.weights = torch.tensor(weights, dtype=torch.float32)

    def loss(self, x, y):
        return F.cross_entropy(self.net(x), y, weight=self.weights)  # expect: WCE302


clf = Classifier([1.0, 2.0, 3.0]).cuda()
