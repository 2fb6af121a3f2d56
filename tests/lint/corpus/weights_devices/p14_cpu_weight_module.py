import torch
from torch import nn

device = torch.device("cuda")
model = ResNet().to(device)
class_weights = torch.tensor([1.0, 2.0, 5.0])
criterion = nn.CrossEntropyLoss(weight=class_weights)  # expect: WCE301
