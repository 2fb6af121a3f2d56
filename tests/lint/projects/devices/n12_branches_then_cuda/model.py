import torch.nn.functional as F
from torch import nn
from torch_geometric.nn import SAGEConv


class GraphSAGE(nn.Module):
    def __init__(self, in_dim, num_classes, hidden=128, log_probs=False):
        super().__init__()
        self.conv1 = SAGEConv(in_dim, hidden)
        self.conv2 = SAGEConv(hidden, num_classes)
        self.log_probs = log_probs

    def forward(self, x, edge_index):
        out = self.conv2(F.relu(self.conv1(x, edge_index)), edge_index)
        return F.log_softmax(out, dim=1) if self.log_probs else out
