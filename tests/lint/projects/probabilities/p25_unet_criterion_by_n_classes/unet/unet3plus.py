import torch.nn.functional as F
from torch import nn

from .parts import ConvBlock, fuse


class UNet3Plus(nn.Module):
    def __init__(self, n_channels=3, n_classes=1, widths=(64, 128, 256, 512)):
        super().__init__()
        self.n_channels = n_channels
        self.n_classes = n_classes
        self.encoders = nn.ModuleList()
        prev = n_channels
        for w in widths:
            self.encoders.append(ConvBlock(prev, w))
            prev = w
        self.decoder = ConvBlock(sum(widths), 320)
        self.outconv = nn.Conv2d(320, n_classes, 3, padding=1)

    def forward(self, x):
        feats, h = [], x
        for i, enc in enumerate(self.encoders):
            h = enc(h if i == 0 else F.max_pool2d(h, 2))
            feats.append(h)
        d1 = self.outconv(self.decoder(fuse(feats, x.shape[2:])))
        return F.sigmoid(d1)
