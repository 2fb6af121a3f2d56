import torch
from torch import nn


def bce_loss(device, **kwargs):
    """BCE with logits; pos_weight defaults to ones on the device."""
    kwargs.setdefault("pos_weight", torch.ones(1, device=device))
    kwargs.setdefault("reduction", "mean")
    return nn.BCEWithLogitsLoss(**kwargs)
