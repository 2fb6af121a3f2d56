import torch
from torch import nn

criterion = nn.CrossEntropyLoss(weight=torch.tensor([0.25, 0.75]))
