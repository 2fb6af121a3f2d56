# Reproduces avBuffer/UNet3plus_pth (unet/__init__.py, unet/UNet3Plus.py and train.py,
# https://github.com/avBuffer/UNet3plus_pth/issues/23): the module and the class it defines
# share a name, and the package's __init__ imports the class under it, so `from unet import
# UNet3Plus` is the class; its forward ends in a sigmoid that BCEWithLogitsLoss applies again.
import torch.nn as nn
import torch.nn.functional as F


class UNet3Plus(nn.Module):
    def __init__(self, n_channels=3, n_classes=1):
        super().__init__()
        self.n_classes = n_classes
        self.encoder = nn.Conv2d(n_channels, 64, 3, padding=1)
        self.outconv = nn.Conv2d(64, n_classes, 3, padding=1)

    def forward(self, x):
        d1 = self.outconv(F.relu(self.encoder(x)))
        return F.sigmoid(d1)
