import torch
from torch import nn

net.cuda()
w = torch.tensor([0.5, 1.5])
w.cuda()
criterion = nn.CrossEntropyLoss(weight=w)  # expect: WCE301
