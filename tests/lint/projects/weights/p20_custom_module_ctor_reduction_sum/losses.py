import torch
from torch import nn


class InverseFrequencyCE(nn.Module):
    def __init__(self, class_weight, ignore_index=-100):
        super().__init__()
        self.ce = nn.CrossEntropyLoss(
            weight=class_weight,
            ignore_index=ignore_index,
            reduction="sum",
        )

    def forward(self, logits, target):
        n_valid = (target != self.ce.ignore_index).sum().clamp(min=1)
        return self.ce(logits, target) / n_valid
