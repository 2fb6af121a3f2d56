# Per-class image counts kept in the config dict and turned into balanced weights
# n / (C * count): the config lists 0 for a defect class not seen yet, so its weight is inf
# and the loss is NaN as soon as the weight is used. Learned from fcakyon/balanced-loss pull
# request #12 (samples_per_class with a 0 giving a NaN loss) and emadeldeen24/AttnSleep
# (class weights taken from the experiment's config), written anew.
import torch
from torchvision.models import resnet18

from config import CONFIG
from losses import build_criterion

model = resnet18(num_classes=len(CONFIG["classes"]))
criterion = build_criterion(CONFIG)
optimizer = torch.optim.AdamW(model.parameters(), lr=CONFIG["lr"])
for epoch in range(CONFIG["epochs"]):
    for images, defect in torch.load("surface_loader.pt"):
        loss = criterion(model(images), defect)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
