# Per-batch weights 1 - count / total, rescaled by their minimum: a batch whose labels are
# all one class makes that weight 0, the minimum 0, and every weight inf or NaN. Learned from
# a compute_class_weights(labels) helper in public code (class_weights = 1 - class_counts /
# total) and a get_class_weight helper that divides by class_weight.min().
import torch
import torch.nn.functional as F
from torch import nn

NUM_CLASSES = 3


def batch_weights(labels):
    counts = torch.bincount(labels, minlength=NUM_CLASSES).float()
    w = 1.0 - counts / len(labels)
    return w / w.min()  # expect: WCE202


model = nn.Sequential(nn.Linear(30, 16), nn.ReLU(), nn.Linear(16, NUM_CLASSES))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for x, y in torch.load("loader.pt"):
    loss = F.cross_entropy(model(x), y, weight=batch_weights(y))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
