import torch
import torch.nn.functional as F

counts = torch.bincount(y, minlength=3) + 1
w = counts.sum() / counts
per_sample = F.cross_entropy(logits, y, weight=w, reduction="none")  # expect: WCE203
