# The balanced formula computed with numpy (float64 result) and wrapped by torch.from_numpy,
# which keeps float64: "expected scalar type Float but found Double" at the first step.
# Learned from tsunghan-wu/RandLA-Net-pytorch issue #26 (torch.from_numpy of the numpy class
# weights, there followed by .float()) with the conversion left out.
import numpy as np
import torch
from torch import nn

from utils import balanced_weights

N_CLASSES = 6
y_train = np.load("har_train_labels.npy")
class_weights = torch.from_numpy(balanced_weights(y_train, N_CLASSES))
model = nn.Sequential(nn.Conv1d(9, 64, 5), nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(64, N_CLASSES))
criterion = nn.CrossEntropyLoss(weight=class_weights)  # expect: WCE204
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for windows, activity in torch.load("har_loader.pt"):
    loss = criterion(model(windows), activity)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
