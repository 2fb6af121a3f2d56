# Correct counterpart of p22: weights read with np.loadtxt, converted with .float() after
# torch.from_numpy. Learned from moemen95/Pytorch-Project-Template
# (graphs/losses/cross_entropy.py, torch.from_numpy(class_weights.astype(np.float32))).
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
