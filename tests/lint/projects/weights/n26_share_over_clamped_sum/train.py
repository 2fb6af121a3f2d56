# Correct counterpart of p40: the batch's positive total is clamped to 1, so a batch of
# normal studies gives share 0 and weight 1 for every finding. Learned from
# webis-de/small-text issue #39 and its fix (no NaN when the labelled set lacks a class).
import torch
from torchvision.models import densenet121

from losses import batch_balanced_bce

FINDINGS = ["atelectasis", "cardiomegaly", "effusion", "infiltration", "mass", "nodule", "pneumonia"]
model = densenet121(num_classes=len(FINDINGS))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for images, targets in torch.load("cxr_loader.pt"):
    loss = batch_balanced_bce(model(images), targets.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
