# Median-frequency weights median / freq over a dict of class frequencies that includes every
# class: a lesion type absent from the training split has frequency 0. Learned from a
# MedianFrequencyBalance weighting class in public code (median / value for each class of
# compute_class_distribution) and chainer/chainercv examples/segnet/calc_weight.py.
import numpy as np
import torch
from torch import nn
from torchvision.models import densenet121

from balancing import median_frequency_balance

NUM_CLASSES = 7
labels = np.load("ham10000_train_labels.npy")
weights = median_frequency_balance(labels, NUM_CLASSES)
weight = torch.tensor([weights[c] for c in range(NUM_CLASSES)], dtype=torch.float32)
model = densenet121(num_classes=NUM_CLASSES)
criterion = nn.CrossEntropyLoss(weight=weight)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for images, lesion in torch.load("ham10000_loader.pt"):
    loss = criterion(model(images), lesion)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
