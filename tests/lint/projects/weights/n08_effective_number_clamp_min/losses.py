import torch
import torch.nn.functional as F
from torch import nn


class ClassBalancedLoss(nn.Module):
    """Cui et al. 2019, with empty classes counted as one sample."""

    def __init__(self, samples_per_class, beta=0.9999):
        super().__init__()
        n = torch.as_tensor(samples_per_class, dtype=torch.float32).clamp_min(1)
        weights = (1.0 - beta) / (1.0 - torch.pow(beta, n))
        self.register_buffer("weights", weights / weights.sum() * len(n))

    def forward(self, logits, target):
        return F.cross_entropy(logits, target, weight=self.weights)
