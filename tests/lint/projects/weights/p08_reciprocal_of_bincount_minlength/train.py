# minlength fixes the length, not the zeros: a class with no labelled point gets 1 / 0 = inf
# and the loss turns NaN. Learned from xinge008/Cylinder3D issue #6 (reciprocal of the point
# count of each category) with the length fixed by minlength as the WCE201 fix suggests.
import torch
from torch import nn

from config import IGNORE_INDEX, NUM_CLASSES
from model import PointHead

labels = torch.load("train_point_labels.pt")
counts = torch.bincount(labels, minlength=NUM_CLASSES).float()
weight = 1.0 / counts  # expect: WCE202

model = PointHead(NUM_CLASSES)
criterion = nn.CrossEntropyLoss(weight=weight, ignore_index=IGNORE_INDEX)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for points, target in torch.load("point_batches.pt"):
    loss = criterion(model(points), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
