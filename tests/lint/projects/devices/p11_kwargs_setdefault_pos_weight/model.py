from torch import nn
from torch_geometric.nn import GATConv


class EdgeClassifier(nn.Module):
    def __init__(self, in_dim, hidden=64):
        super().__init__()
        self.conv1 = GATConv(in_dim, hidden, heads=4, concat=False)
        self.conv2 = GATConv(hidden, hidden, heads=4, concat=False)

    def forward(self, x, edge_index, pairs):
        h = self.conv2(self.conv1(x, edge_index).relu(), edge_index)
        return (h[pairs[0]] * h[pairs[1]]).sum(dim=-1)
