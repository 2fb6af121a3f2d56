# Correct look-alike of p33: counts read from a statistics file, clamped to 1 before the
# total is divided by them, so a class the split never shows gets a large weight, not inf.
# Learned from perslev/MultiPlanarUNet issue #24 and the fix it asked for, written anew.
import torch
from torch import nn

from stats import load_voxel_counts

counts = load_voxel_counts("stats/train.json").clamp(min=1.0)
weight = counts.sum() / counts
model = nn.Sequential(nn.Conv3d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv3d(8, 5, 1))
criterion = nn.CrossEntropyLoss(weight=weight / weight.mean())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for volume, seg in torch.load("ct_patches.pt"):
    loss = criterion(model(volume), seg)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
