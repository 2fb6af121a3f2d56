import torch
from torch import nn

model.to(device)
w = torch.tensor([1.0, 3.0])
w = w.to(device)
criterion = nn.CrossEntropyLoss(weight=w)
