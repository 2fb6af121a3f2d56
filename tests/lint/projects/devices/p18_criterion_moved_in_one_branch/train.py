# Two criteria chosen by a flag: the multi-class branch moves its criterion to the device, the
# multi-label branch forgets to, so its pos_weight stays on the CPU. Learned from
# dmlc/dgl issue #1840 (train_ppi: BCEWithLogitsLoss on GPU, fixed by moving loss_fcn) and the
# issue this corpus is for (a move inside one branch only is not a move).
import argparse

import torch
from torch import nn

from model import AudioTagger

parser = argparse.ArgumentParser()
parser.add_argument("--multilabel", action="store_true")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = AudioTagger(num_tags=50).to(device)
if args.multilabel:
    pos_weight = torch.full((50,), 4.0)
    criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight)  # expect: WCE301
else:
    class_weights = torch.linspace(1.0, 2.0, 50)
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    criterion = criterion.to(device)

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for mel, tags in torch.load("magnatagatune_loader.pt"):
    mel, tags = mel.to(device), tags.to(device)
    target = tags.float() if args.multilabel else tags.argmax(dim=1)
    loss = criterion(model(mel), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
