# Correct counterpart of p08: the zero counts are replaced by one with torch.where before
# the reciprocal. Learned from xinge008/Cylinder3D issue #6 (reciprocal point counts) and
# scikit-learn pull request #32639 (np.where to keep absent classes from dividing by zero).
import torch
from torch import nn

NUM_CLASSES = 20
labels = torch.load("train_point_labels.pt")
counts = torch.bincount(labels, minlength=NUM_CLASSES).float()
safe_counts = torch.where(counts == 0, torch.ones_like(counts), counts)
weight = counts.sum() / (NUM_CLASSES * safe_counts)

model = nn.Sequential(nn.Linear(9, 64), nn.ReLU(), nn.Linear(64, NUM_CLASSES))
criterion = nn.CrossEntropyLoss(weight=weight, ignore_index=255)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for points, target in torch.load("point_batches.pt"):
    loss = criterion(model(points), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
