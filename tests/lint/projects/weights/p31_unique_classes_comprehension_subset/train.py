# Weights one per class found by np.unique in a filtered subset of the labels, while the
# model predicts all 10 classes: shorter whenever the cleaned labels lack a class (the
# noisy-label filter can drop every image of a rare one). Learned from
# a median_frequency_balancing(labels) helper in public code (Labels = np.unique(labels);
# NumClass = len(Labels)) and ispamm/MHyEEG issue #3.
import numpy as np
import torch
from torch import nn
from torchvision.models import resnet18

from data import few_shot_split

labels = np.load("cifar10_noisy_labels.npy")
clean = labels[labels >= 0]
y = clean[few_shot_split(clean, shots=50)]
classes = np.unique(y)
weights = torch.tensor(
    [len(y) / (len(classes) * np.sum(y == c)) for c in classes], dtype=torch.float32
)
model = resnet18(num_classes=10)
criterion = nn.CrossEntropyLoss(weight=weights)  # expect: WCE206
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for images, targets in torch.load("fewshot_loader.pt"):
    loss = criterion(model(images), targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
