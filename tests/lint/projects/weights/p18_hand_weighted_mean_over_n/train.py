# A weighted loss written by hand: per-sample cross entropy times the inverse count of its
# class, then .mean(), which divides by N instead of by the sum of the weights, so the loss
# scale is 1 / count. Learned from an apply_class_balanced_loss helper in public code
# ((cl_loss * class_weights[labels]).mean()) and the note on reduction='mean' in PyTorch's
# CrossEntropyLoss documentation.
import torch
from torch import nn

from losses import class_balanced_ce

labels = torch.load("eeg_train_labels.pt")
class_counts = torch.bincount(labels, minlength=4)
model = nn.Sequential(nn.Conv1d(22, 32, 7), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 4))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for trials, target in torch.load("eeg_loader.pt"):
    loss = class_balanced_ce(model(trials), target, class_counts)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
