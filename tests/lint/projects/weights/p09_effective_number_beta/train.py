# Class-balanced loss on the effective number of samples: 1 - beta ** 0 is 0, so a class
# with no sample gets an infinite weight and the loss is NaN. Learned from
# fcakyon/balanced-loss pull request #12 ("Avoid nan loss when there are labels with no
# samples in the training data"), samples_per_class [310, 2489, 114, 17, 0, 725].
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
