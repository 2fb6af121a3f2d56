# Weights kept in a CSV of (class, weight) rows, read with np.genfromtxt (float64) and given
# to torch.tensor, which keeps float64. Learned from DIVA-DIA/DeepDIVA pull request #3
# (class frequencies read from analytics.csv) and pytorch/pytorch issue #101213.
import torch
from torch import nn

from losses import WeightedCE

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 3))
criterion = WeightedCE("class_weights.csv")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for x, y in torch.load("churn_loader.pt"):
    loss = criterion(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
