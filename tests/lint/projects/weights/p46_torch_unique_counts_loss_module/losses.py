import torch
import torch.nn.functional as F
from torch import nn


class BalancedCrossEntropy(nn.Module):
    """Cross entropy weighted by n_samples / (n_classes * count), counted on the train targets."""

    def __init__(self, train_targets, label_smoothing=0.0):
        super().__init__()
        counts = torch.unique(train_targets, return_counts=True)[1].float()  # expect: WCE201
        self.register_buffer("weight", counts.sum() / (len(counts) * counts))
        self.label_smoothing = label_smoothing

    def forward(self, logits, target):
        return F.cross_entropy(logits, target, weight=self.weight, label_smoothing=self.label_smoothing)
