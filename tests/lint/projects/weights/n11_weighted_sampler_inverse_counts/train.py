# Correct look-alike of p01 and p08: inverse bincount counts, but indexed by the labels to
# weight each SAMPLE for a WeightedRandomSampler. Only classes that occur are read, so no
# entry is missing or infinite, and the loss itself is unweighted. Learned from the
# WeightedRandomSampler recipe of the PyTorch forums (class_sample_count, weight = 1. /
# class_sample_count, samples_weight = weight[target]).
import numpy as np
import torch
from torch import nn
from torchvision import datasets, transforms
from torchvision.models import resnet18

from data import balanced_loader

train_set = datasets.ImageFolder("skin/train", transform=transforms.ToTensor())
loader = balanced_loader(train_set, np.asarray(train_set.targets))
model = resnet18(num_classes=len(train_set.classes))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for images, labels in loader:
    loss = criterion(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
