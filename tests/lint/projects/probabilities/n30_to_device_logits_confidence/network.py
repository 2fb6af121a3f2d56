import torch.nn as nn


class HarNet(nn.Module):
    """Two 1xK convolutions over the nine inertial channels, three dense layers, logits out."""

    def __init__(self, channels=9, n_classes=6):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(channels, 32, kernel_size=(1, 9)),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=(1, 2), stride=2),
            nn.Conv2d(32, 64, kernel_size=(1, 9)),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=(1, 2), stride=2),
        )
        self.fc = nn.Sequential(
            nn.Linear(64 * 26, 1000),
            nn.ReLU(),
            nn.Linear(1000, 500),
            nn.ReLU(),
            nn.Linear(500, n_classes),
        )

    def forward(self, x):
        out = self.conv(x)
        return self.fc(out.reshape(-1, 64 * 26))
