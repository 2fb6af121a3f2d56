import argparse

import torch

from losses import build_criterion
from model import UNet

parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda")
parser.add_argument("--class-weight", dest="class_weight", default="parts")
args = parser.parse_args()

model = UNet(n_classes=7).to(args.device)
criterion = build_criterion("ce", args.class_weight, args.device)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
for images, masks in torch.load("pascal_parts_loader.pt"):
    images, masks = images.to(args.device), masks.to(args.device)
    loss = criterion(model(images), masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
