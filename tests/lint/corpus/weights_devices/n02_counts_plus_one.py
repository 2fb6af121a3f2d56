import torch

counts = torch.bincount(y, minlength=6) + 1
w = 1.0 / counts
