# Correct counterpart of p18: the criterion is bound in both branches and moved once after the
# if/else with criterion.to(device). The false alarm that opened the issue this corpus is for
# came from this shape (a criterion made in an if/else, then moved).
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
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.full((50,), 4.0))
else:
    criterion = nn.CrossEntropyLoss(weight=torch.linspace(1.0, 2.0, 50))
criterion.to(device)

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for mel, tags in torch.load("magnatagatune_loader.pt"):
    mel, tags = mel.to(device), tags.to(device)
    target = tags.float() if args.multilabel else tags.argmax(dim=1)
    loss = criterion(model(mel), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
