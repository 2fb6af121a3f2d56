# Correct counterpart of p33: the division may give inf, and the inf entries are set to 0
# before the weights are used (an absent class then weighs nothing). Learned from a
# find_cross_weight(labels) helper in public code (check_inf = torch.isinf(cross_weight)).
import numpy as np
import torch
from torch import nn

from weights import find_cross_weight

N_CLASSES = 5
labels = np.load("activity_labels.npy")
weight = torch.from_numpy(find_cross_weight(labels, N_CLASSES))
model = nn.GRU(6, 64, batch_first=True)
head = nn.Linear(64, N_CLASSES)
criterion = nn.CrossEntropyLoss(weight=weight)
optimizer = torch.optim.Adam(list(model.parameters()) + list(head.parameters()), lr=1e-3)
for imu, activity in torch.load("imu_loader.pt"):
    out, _ = model(imu)
    loss = criterion(head(out[:, -1]), activity)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
