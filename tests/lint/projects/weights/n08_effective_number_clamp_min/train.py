# Correct counterpart of p09: the class-balanced weights of the effective number of samples,
# with the counts clamped to at least one so 1 - beta ** n is never 0. Learned from
# fcakyon/balanced-loss pull request #12 (avoid NaN when a label has no sample).
import torch
from torch import nn

from losses import ClassBalancedLoss

labels = torch.load("train_labels.pt")
samples_per_class = torch.bincount(labels, minlength=6)
model = nn.Sequential(nn.Linear(40, 64), nn.ReLU(), nn.Linear(64, 6))
criterion = ClassBalancedLoss(samples_per_class, beta=0.999)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for features, target in torch.load("train_loader.pt"):
    loss = criterion(model(features), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
