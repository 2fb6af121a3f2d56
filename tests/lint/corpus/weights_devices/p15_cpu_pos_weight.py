import torch
import torch.nn as nn

model = Detector().cuda()
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))  # expect: WCE301
for images, targets in loader:
    images, targets = images.cuda(), targets.cuda()
    loss = criterion(model(images), targets)
