import torch
from torch import nn

model = Net().cuda()
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0])).cuda()
other = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))
other.to(device)
