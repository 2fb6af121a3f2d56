# The numpy writing of the class-balanced weights (1 - beta) / (1 - beta ** n), with counts
# from a per-class np.bincount: a class with n = 0 divides by zero. Learned from
# vandit15/Class-balanced-loss-pytorch (CB_loss, effective_num = 1.0 - np.power(beta,
# samples_per_cls)) and fcakyon/balanced-loss pull request #12.
import numpy as np
import torch
from torch import nn

from cb_loss import cb_focal_loss, cb_weights

NUM_CLASSES = 10
labels = np.load("cifar10_lt_labels.npy")
samples_per_cls = np.bincount(labels, minlength=NUM_CLASSES)
weights = cb_weights(samples_per_cls, NUM_CLASSES, beta=0.9999)
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 512), nn.ReLU(), nn.Linear(512, NUM_CLASSES))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for images, target in torch.load("cifar10_lt_loader.pt"):
    loss = cb_focal_loss(model(images), target, weights)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
