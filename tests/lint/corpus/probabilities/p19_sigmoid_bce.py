import torch
import torch.nn.functional as F

probs = torch.sigmoid(model(x))
loss = F.binary_cross_entropy(probs, targets)  # expect: WCE105
