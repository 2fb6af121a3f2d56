# Weights N / count held by a trainer, then (per_sample * w[targets]).sum() / len(targets):
# the hand-written mean divides by the batch size, not by the weights' sum, so the loss is
# scaled by N / count (about the number of classes on average, far more on a rare-class
# batch). Learned from libuyu/GHM_Detection issue #19 (weights tot / num_in_bin, loss
# rescaled by hand) and PyTorch's CrossEntropyLoss documentation on weighted means.
import torch
from torchvision.models import mobilenet_v3_small

from trainer import Trainer

counts = torch.bincount(torch.load("plant_labels.pt"), minlength=38)
model = mobilenet_v3_small(num_classes=38)
trainer = Trainer(model, torch.optim.AdamW(model.parameters(), lr=1e-3), counts)
for epoch in range(10):
    for images, targets in torch.load("plant_loader.pt"):
        trainer.step(images, targets)
