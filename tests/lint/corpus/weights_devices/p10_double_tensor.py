import torch
from torch import nn

criterion = nn.NLLLoss(weight=torch.DoubleTensor([1.0, 2.0]))  # expect: WCE204
