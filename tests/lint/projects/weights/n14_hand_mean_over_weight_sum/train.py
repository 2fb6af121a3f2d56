# Correct counterpart of p18 and p19: the hand-written weighted mean divides by the sum of
# the samples' weights, as reduction='mean' does, so the scale of 1 / count cancels.
# Learned from PyTorch's CrossEntropyLoss documentation (weighted mean over
# sum of weight[y_n]) and an apply_class_balanced_loss helper in public code.
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
