# Correct look-alike of p04 and p15: per-class weights from a Counter's values are computed
# only to be logged next to the label distribution; the loss is unweighted. Learned from
# AIshutin/hse-antispoof (antispoof/loss/celoss.py, print('LOSS WEIGHT', weight)) and the
# label-distribution prints of imranulashrafi/banner issue #2.
import logging
from collections import Counter

import torch
from torch import nn

log = logging.getLogger(__name__)

labels = torch.load("spoof_labels.pt").tolist()
counts = Counter(labels)
total = sum(counts.values())
weights = {label: total / n for label, n in counts.items()}
log.info("label counts %s, balanced weights would be %s", dict(counts), weights)
print("LOSS WEIGHT (not used)", weights)

model = nn.Sequential(nn.Linear(80, 128), nn.ReLU(), nn.Linear(128, 2))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for mel, y in torch.load("asvspoof_loader.pt"):
    loss = criterion(model(mel), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
