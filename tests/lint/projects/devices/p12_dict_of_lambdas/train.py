# A dict of lambdas that build the criterion from the class weights; the weights come from a
# JSON file as a CPU tensor and the model is moved with .cuda(). The registry idiom is that of
# the LOSS_FN_REGISTRY / get_loss(name) helpers found in public training code (for example
# kirby00001/DRSeg utils/loss.py); the failure is pytorch/pytorch issue #122757 ("if the loss_fn
# were defined somewhere else ... it's not so apparent").
import argparse
import json

import torch
from torchvision.models import efficientnet_b0

from losses import CRITERIA

parser = argparse.ArgumentParser()
parser.add_argument("--loss", choices=sorted(CRITERIA), default="ce_smooth")
parser.add_argument("--weights", default="class_weights.json")
args = parser.parse_args()

with open(args.weights) as f:
    class_weights = torch.tensor(json.load(f)["weights"], dtype=torch.float32)

model = efficientnet_b0(num_classes=len(class_weights)).cuda()
criterion = CRITERIA[args.loss](class_weights)  # expect: WCE301
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
for images, labels in torch.load("train_loader.pt"):
    loss = criterion(model(images.cuda()), labels.cuda())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
