import torch
import torch.nn.functional as F

logits = model(x).squeeze(1)
loss = F.binary_cross_entropy_with_logits(logits, y, pos_weight=torch.tensor(3.0))
preds = (torch.sigmoid(logits) > 0.5).long()
