from .UNet import UNet
from .UNet3Plus import UNet3Plus
