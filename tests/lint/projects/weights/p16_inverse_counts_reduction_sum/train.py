# Raw reciprocal counts (thousands of samples per class) as weights of a loss summed over the
# batch: every step is scaled by about 1 / count, so the effective learning rate depends on
# the dataset size. Learned from libuyu/GHM_Detection issue #19 ("loss is too small":
# weights tot / num_in_bin with reduction='sum').
import torch
from torch import nn

from data import train_labels

NUM_CLASSES = 5
counts = torch.bincount(train_labels(), minlength=NUM_CLASSES).float()
inv_freq = 1.0 / counts.clamp(min=1)

model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, NUM_CLASSES))
criterion = nn.CrossEntropyLoss(weight=inv_freq, reduction="sum")  # expect: WCE203
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in torch.load("loader.pt"):
    loss = criterion(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
