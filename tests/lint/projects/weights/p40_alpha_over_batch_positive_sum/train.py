# Multi-label chest X-ray findings weighted by their share of the batch's positives:
# pos_counts.sum() is 0 for a batch of normal studies, and 0 / 0 makes every weight NaN.
# Learned from webis-de/small-text issue #39 (NaN from balanced weights in the multi-label
# BCEWithLogits case) and mlmed/torchxrayvision pull request #77.
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
