# A loss helper that fills pos_weight with kwargs.setdefault on the right device, and a caller
# that passes its own pos_weight made on the CPU, which setdefault keeps. Learned from
# kierensharma/FluxGAT pull request #4 ("Fix pos_weight device placement").
import torch

from losses import bce_loss
from model import EdgeClassifier

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
graph = torch.load("metabolic_graph.pt")
positives = int(graph.edge_label.sum())
negatives = graph.edge_label.numel() - positives

model = EdgeClassifier(graph.num_features).to(device)
pos_weight = torch.tensor([negatives / max(positives, 1)])
criterion = bce_loss(device, pos_weight=pos_weight)  # expect: WCE301
optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
graph = graph.to(device)
for epoch in range(200):
    logits = model(graph.x, graph.edge_index, graph.edge_label_index)
    loss = criterion(logits, graph.edge_label.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
