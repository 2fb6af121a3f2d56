import torch
import torch.nn.functional as F

per_token = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), reduction="none")
mask = (labels.flatten() != pad_id).float()
loss = (per_token * mask).sum() / mask.sum()
focal = ((1 - torch.exp(-per_token)) ** 2 * per_token).mean()
