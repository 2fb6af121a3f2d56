import torch
from torch import nn


class CenterLoss(nn.Module):
    def __init__(self, num_classes, feat_dim):
        super().__init__()
        self.centers = nn.Parameter(torch.randn(num_classes, feat_dim))

    def forward(self, features, labels):
        centers = self.centers.index_select(0, labels)
        return 0.5 * (features - centers).pow(2).sum(dim=1).mean()
