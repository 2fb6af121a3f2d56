from torch import nn


class FastSCNNHead(nn.Module):
    def __init__(self, in_channels=128):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(in_channels, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU())
        # 19 Cityscapes classes + the background class of the COCO-stuff checkpoint
        self.classifier = nn.Conv2d(128, 20, 1)

    def forward(self, x):
        return self.classifier(self.conv(x))
