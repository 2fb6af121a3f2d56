# Smoothed weights sqrt(total / count) built with np.sqrt in a list comprehension: each item
# is a numpy float64 scalar, and torch.tensor of that list is float64. Learned from
# pytorch/pytorch issue #101213 and the "expected scalar type Float but found Double"
# reports (deepset-ai/FARM issue #758).
import numpy as np
import torch
from torch import nn
from torchvision.models import efficientnet_b0

from config import GRADE_COUNTS

total = sum(GRADE_COUNTS)
weights = [np.sqrt(total / n) for n in GRADE_COUNTS]
model = efficientnet_b0(num_classes=len(GRADE_COUNTS))
criterion = nn.CrossEntropyLoss(weight=torch.tensor(weights))  # expect: WCE204
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for fundus, grade in torch.load("aptos_loader.pt"):
    loss = criterion(model(fundus), grade)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
