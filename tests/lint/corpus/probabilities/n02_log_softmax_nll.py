import torch.nn.functional as F
from torch import nn

log_probs = F.log_softmax(model(x), dim=1)
loss = F.nll_loss(log_probs, y)
head = nn.Sequential(nn.Linear(16, 4), nn.LogSoftmax(dim=1))
loss2 = nn.NLLLoss()(head(x), y)
