import torch
from torch import nn

counts = torch.bincount(y, minlength=5).clamp(min=1)
criterion = nn.CrossEntropyLoss(weight=1.0 / counts, reduction="sum")  # expect: WCE203
