import torch
import torch.nn.functional as F

w = torch.tensor([0.2, 0.3, 0.5]).double()
loss = F.cross_entropy(out, y, weight=w)  # expect: WCE204
