# Correct counterpart of p25 and p26: counts written in the config dict (none is zero),
# made a float32 tensor, then sum / count rescaled to mean 1. Learned from emadeldeen24/
# AttnSleep (model/loss.py, torch.tensor(classes_weights) from the config) and
# imranulashrafi/banner issue #2 (data_dist copied from value_counts into the code).
import torch
from torch import nn
from torchvision.models import efficientnet_b0

from config import CONFIG

counts = torch.tensor(CONFIG["grade_counts"], dtype=torch.float32)
weights = counts.sum() / counts
weights = weights / weights.mean()
model = efficientnet_b0(num_classes=CONFIG["num_classes"])
criterion = nn.CrossEntropyLoss(weight=weights)
optimizer = torch.optim.Adam(model.parameters(), lr=CONFIG["lr"])
for fundus, grade in torch.load("aptos_loader.pt"):
    loss = criterion(model(fundus), grade)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
