from torch import nn


class FastSCNNHead(nn.Module):
    def __init__(self, num_classes, in_channels=128):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(in_channels, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU())
        self.classifier = nn.Conv2d(128, num_classes, 1)

    def forward(self, x):
        return self.classifier(self.conv(x))
