import torch
import torch.nn.functional as F

counts = torch.bincount(train_y, minlength=10).float().clamp(min=1)
class_weight = counts.sum() / counts
per_example = F.cross_entropy(logits, y, reduction="none")
loss = (class_weight[y] * per_example).mean()  # expect: WCE203
