from torch import nn


def conv_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU())


class TinySegNet(nn.Module):
    def __init__(self, n_classes, in_channels=3):
        super().__init__()
        self.encoder = nn.Sequential(conv_block(in_channels, 32), conv_block(32, 64))
        self.head = nn.Conv2d(64, n_classes, 1)

    def forward(self, x):
        return self.head(self.encoder(x))
