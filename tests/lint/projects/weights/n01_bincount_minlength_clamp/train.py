# Correct counterpart of p01 and p08: bincount with minlength=num_classes and the counts
# clamped to 1 before dividing. Learned from sacdallago/biotrainer issue #67 (balanced class
# weights for residue classification) and scikit-learn's compute_class_weight formula.
import torch
from torch import nn

from weights import balanced_class_weights

NUM_CLASSES = 8
labels = torch.load("residue_labels.pt")
model = nn.Sequential(nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, NUM_CLASSES))
criterion = nn.CrossEntropyLoss(weight=balanced_class_weights(labels, NUM_CLASSES))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for embeddings, target in torch.load("residue_loader.pt"):
    loss = criterion(model(embeddings), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
