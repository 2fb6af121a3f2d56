# A Trainer class in another file takes the class weights and builds the criterion; it moves
# the model to args.device but not the criterion, and the script passes CPU weights. Learned
# from DeepRank/deeprank2 issue #256 ("Allow for custom class weights in Trainer") and
# DeepRank/deeprank pull request #120 (class weights added to the CrossEntropy loss).
import argparse

import torch

from engine import Trainer
from model import InterfaceGNN

parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda:0")
parser.add_argument("--epochs", type=int, default=40)
args = parser.parse_args()

dataset = torch.load("ppi_interfaces.pt")
labels = torch.tensor([int(g.y) for g in dataset])
counts = torch.bincount(labels, minlength=2).float()
weights = counts.sum() / (2 * counts.clamp(min=1))

trainer = Trainer(InterfaceGNN(), class_weights=weights, device=args.device)  # expect: WCE301
trainer.fit(torch.utils.data.DataLoader(dataset, batch_size=32, shuffle=True), args.epochs)
