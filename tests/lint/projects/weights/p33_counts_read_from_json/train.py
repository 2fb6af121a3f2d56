# Pixel counts read from a statistics file that the data preparation wrote for the split,
# then total / count: the file lists 0 for a class the split never shows. Learned from
# perslev/MultiPlanarUNet issue #24 ("a given class not being present across a sample of
# images used to estimate class frequencies", NaN weights).
import torch
from torch import nn

from stats import load_pixel_counts

counts = load_pixel_counts("stats/train_split.json")
weight = counts.sum() / counts  # expect: WCE202
weight = weight / weight.mean()
model = nn.Sequential(nn.Conv3d(1, 16, 3, padding=1), nn.ReLU(), nn.Conv3d(16, 17, 1))
criterion = nn.CrossEntropyLoss(weight=weight)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-5)
for volume, seg in torch.load("mri_patches.pt"):
    loss = criterion(model(volume), seg)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
