import torch
from torch import nn

device = torch.device("cuda")
model = Net().to(device)
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=device))
