from torch import nn


class RandLANetHead(nn.Module):
    def __init__(self, num_classes, d_in=32):
        super().__init__()
        self.fc = nn.Sequential(nn.Conv1d(d_in, 64, 1), nn.ReLU(), nn.Conv1d(64, num_classes, 1))

    def forward(self, features):
        return self.fc(features)
