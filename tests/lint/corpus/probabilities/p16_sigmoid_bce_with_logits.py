import torch
import torch.nn.functional as F

logits = model(x).squeeze(-1)
loss = F.binary_cross_entropy_with_logits(torch.sigmoid(logits), y.float())  # expect: WCE104
