# Class frequencies written to a CSV by an analysis script, read back with np.loadtxt
# (float64) and wrapped by torch.from_numpy, which keeps the dtype. Learned from
# DIVA-DIA/DeepDIVA pull request #3 (class weights initialised from analytics.csv).
import torch
from torch import nn

from losses import build_criterion

model = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 4, 1))
criterion = build_criterion("analytics/class_weights.csv")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for pages, gt in torch.load("diva_hisdb_loader.pt"):
    loss = criterion(model(pages), gt)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
