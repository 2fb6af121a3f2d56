import torch
from torch import nn

w = 1.0 / torch.bincount(y, minlength=3).clamp(min=1)
w = w / w.sum() * 3
criterion = nn.CrossEntropyLoss(weight=w, reduction="sum")
