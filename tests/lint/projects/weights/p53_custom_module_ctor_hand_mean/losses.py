import torch
import torch.nn.functional as F
from torch import nn


class ClassWeightedCE(nn.Module):
    def __init__(self, class_weights, label_smoothing=0.0):
        super().__init__()
        self.register_buffer("class_weights", torch.as_tensor(class_weights, dtype=torch.float32))
        self.label_smoothing = label_smoothing

    def forward(self, logits, target):
        per_clip = F.cross_entropy(logits, target, reduction="none", label_smoothing=self.label_smoothing)
        return (self.class_weights[target] * per_clip).mean()  # expect: WCE203
