import torch

counts = torch.bincount(y, minlength=6)
frequency = counts / counts.sum()
print(frequency)
