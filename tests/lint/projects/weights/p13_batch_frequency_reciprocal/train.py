# Node-classification weights from the frequencies of the current batch, minlength from the
# logits: the length is right but a class absent from the batch has frequency 0. Learned from
# the GraphGPS weighted_cross_entropy (graphgps/loss/weighted_cross_entropy.py), which
# guards the absent classes by scattering counts into zeros, here with the guard lost.
import torch

from losses import weighted_cross_entropy
from model import GCN

model = GCN(in_dim=128, hidden=64, num_classes=12)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
for batch in torch.load("cluster_batches.pt"):
    loss = weighted_cross_entropy(model(batch.x, batch.edge_index), batch.y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
