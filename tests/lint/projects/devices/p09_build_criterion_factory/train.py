# The class weights are made in the training script and passed to a criterion factory in
# another file; the model goes to args.device, the weights stay on the CPU. Learned from
# sacdallago/biotrainer issue #67 ("Class weights need to be sent to the device when
# use_class_weights=True") and the create_criterion(args) helpers of segmentation repos.
import argparse

import torch

from losses import build_criterion
from model import UNet

CLASS_WEIGHTS = {"uniform": [1.0] * 7, "parts": [0.3, 1.0, 1.4, 2.0, 2.0, 1.6, 1.6]}

parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda")
parser.add_argument("--class-weight", dest="class_weight", default="parts")
args = parser.parse_args()

model = UNet(n_classes=7).to(args.device)
weights = torch.tensor(CLASS_WEIGHTS[args.class_weight])
criterion = build_criterion("ce", weights)  # expect: WCE301
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
for images, masks in torch.load("pascal_parts_loader.pt"):
    images, masks = images.to(args.device), masks.to(args.device)
    loss = criterion(model(images), masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
