import torch
from torch import nn


def build_loss(**kwargs):
    return nn.CrossEntropyLoss(**kwargs)


model = Net().cuda()
criterion = build_loss(weight=torch.tensor([1.0, 4.0])).cuda()
