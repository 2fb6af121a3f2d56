import torch

p = torch.softmax(x, 1)
p = counts / counts.sum()
log_prior = torch.log(p)
