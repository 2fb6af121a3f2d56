# Correct: a weighted criterion chosen in an if/elif/else and moved after the branches with
# criterion = criterion.cuda(), as the dgl train_ppi fix in dmlc/dgl issue #1840 moves loss_fcn.
import argparse

import torch
from torch import nn

from model import GraphSAGE

parser = argparse.ArgumentParser()
parser.add_argument("--loss", choices=["ce", "ce_smooth", "nll"], default="ce")
args = parser.parse_args()

class_weights = torch.tensor([1.0, 4.0, 4.0, 10.0])
if args.loss == "ce":
    criterion = nn.CrossEntropyLoss(weight=class_weights)
elif args.loss == "ce_smooth":
    criterion = nn.CrossEntropyLoss(weight=class_weights, label_smoothing=0.1)
else:
    criterion = nn.NLLLoss(weight=class_weights)
criterion = criterion.cuda()

graph = torch.load("fraud_graph.pt").to("cuda")
model = GraphSAGE(graph.num_features, 4, log_probs=args.loss == "nll").cuda()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(200):
    out = model(graph.x, graph.edge_index)
    loss = criterion(out[graph.train_mask], graph.y[graph.train_mask])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
