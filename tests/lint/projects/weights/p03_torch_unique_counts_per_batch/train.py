# Weights recomputed on every mini-batch from torch.unique(y, return_counts=True): a batch
# that lacks a class gives fewer weights than classes, and the weights of the classes after
# it shift by one. Learned from a get_class_weight(y) helper found in public code
# (torch.unique(y, return_counts=True), 1 / class_prop, divided by its min).
import torch
from torch import nn

from losses import balanced_cross_entropy

model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 256), nn.ReLU(), nn.Linear(256, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for images, labels in torch.load("imbalanced_mnist_loader.pt"):
    loss = balanced_cross_entropy(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
