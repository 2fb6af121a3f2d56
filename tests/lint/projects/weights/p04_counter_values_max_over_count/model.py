from torch import nn


class SegHead(nn.Module):
    def __init__(self, num_classes, in_channels=256):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(in_channels, 128, 3, padding=1), nn.ReLU())
        self.cls = nn.Conv2d(128, num_classes, 1)

    def forward(self, x):
        return self.cls(self.conv(x))
