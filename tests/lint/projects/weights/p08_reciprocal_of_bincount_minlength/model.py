from torch import nn


class PointHead(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(9, 64), nn.ReLU(), nn.Linear(64, num_classes))

    def forward(self, points):
        return self.mlp(points)
