import torch
from torch import nn


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(256, 1)

    def forward(self, x):
        return self.head(x).sigmoid()


detector = Detector()
loss_fn = nn.BCEWithLogitsLoss()
loss = loss_fn(detector(features), labels)  # expect: WCE104
