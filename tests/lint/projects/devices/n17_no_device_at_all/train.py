# Correct: a small CPU-only tutorial script (no device anywhere) that builds a weighted loss
# in a factory, as the get_loss_CE(weight) helpers of kirby00001/DRSeg (utils/loss.py): with
# no accelerator, the CPU weight is where the inputs are.
import torch
from sklearn.datasets import load_wine
from torch import nn

from losses import make_loss

data = load_wine()
x = torch.tensor(data.data, dtype=torch.float32)
x = (x - x.mean(0)) / x.std(0)
y = torch.tensor(data.target)

model = nn.Sequential(nn.Linear(13, 32), nn.Tanh(), nn.Linear(32, 3))
loss_fn = make_loss([1.0, 0.8, 1.2])
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(500):
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f"final loss {loss.item():.3f}")
