from .unet3plus import UNet3Plus

__all__ = ["UNet3Plus"]
