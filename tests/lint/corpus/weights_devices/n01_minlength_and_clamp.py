import torch
from torch import nn

counts = torch.bincount(labels, minlength=num_classes)
weights = counts.sum() / (num_classes * counts.clamp(min=1))
criterion = nn.CrossEntropyLoss(weight=weights)
