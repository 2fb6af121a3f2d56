from torch import nn
from torch_geometric.nn import GCNConv, global_mean_pool


class InterfaceGNN(nn.Module):
    def __init__(self, in_dim=45, hidden=64):
        super().__init__()
        self.conv1 = GCNConv(in_dim, hidden)
        self.conv2 = GCNConv(hidden, hidden)
        self.out = nn.Linear(hidden, 2)

    def forward(self, graphs):
        h = self.conv1(graphs.x, graphs.edge_index).relu()
        h = self.conv2(h, graphs.edge_index).relu()
        return self.out(global_mean_pool(h, graphs.batch))
