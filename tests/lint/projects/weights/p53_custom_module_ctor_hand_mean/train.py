# Raw weights N / count handed to a custom loss module's constructor; its forward writes the
# weighted mean by hand as (w[y] * loss).mean(), dividing by the batch size instead of by the
# sum of the targets' weights, so the loss (and the step) is scaled by N / count. Learned from
# libuyu/GHM_Detection issue #19 (weights tot / num_in_bin, loss rescaled by hand) and the
# weighted-mean formula of PyTorch's CrossEntropyLoss documentation, written anew.
import torch
from torch import nn

from losses import ClassWeightedCE

NUM_SCENES = 10
scene_labels = torch.load("tau2020_train_labels.pt")
counts = torch.bincount(scene_labels, minlength=NUM_SCENES).clamp(min=1)
criterion = ClassWeightedCE(counts.sum() / counts.float(), label_smoothing=0.1)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, NUM_SCENES)
)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for log_mel, scene in torch.load("tau2020_loader.pt"):
    loss = criterion(model(log_mel), scene)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
