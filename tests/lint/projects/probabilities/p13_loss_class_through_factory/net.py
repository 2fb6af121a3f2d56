import torch
from torch import nn


class TabularResNet(nn.Module):
    def __init__(self, n_features, n_classes, width=256, depth=4, dropout=0.1):
        super().__init__()
        self.inp = nn.Linear(n_features, width)
        self.blocks = nn.ModuleList(
            nn.Sequential(
                nn.BatchNorm1d(width), nn.ReLU(), nn.Dropout(dropout), nn.Linear(width, width)
            )
            for _ in range(depth)
        )
        self.head = nn.Linear(width, n_classes)

    def forward(self, x):
        h = self.inp(x)
        for block in self.blocks:
            h = h + block(h)
        return torch.softmax(self.head(h), dim=-1)
