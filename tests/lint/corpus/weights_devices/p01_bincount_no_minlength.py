import torch
from torch import nn

train_labels = torch.tensor(dataset.targets)
counts = torch.bincount(train_labels)  # expect: WCE201
weights = counts.sum() / (len(counts) * counts.clamp(min=1))
criterion = nn.CrossEntropyLoss(weight=weights)
