import torch
from torch import nn


def build_criterion(device, **loss_kwargs):
    loss_kwargs.setdefault("weight", torch.ones(4, device=device))
    return nn.CrossEntropyLoss(**loss_kwargs)


device = torch.device("cuda")
model = Net().to(device)
weights = torch.tensor([1.0, 2.0, 2.0, 8.0])
criterion = build_criterion(device, weight=weights)  # expect: WCE301
