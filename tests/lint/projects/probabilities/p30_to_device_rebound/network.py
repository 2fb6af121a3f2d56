import torch.nn as nn
import torch.nn.functional as F


class HarNet(nn.Module):
    """Two 1xK convolutions over the nine inertial channels, three dense layers."""

    def __init__(self, channels=9, n_classes=6):
        super().__init__()
        self.conv1 = nn.Sequential(
            nn.Conv2d(channels, 32, kernel_size=(1, 9)),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=(1, 2), stride=2),
        )
        self.conv2 = nn.Sequential(
            nn.Conv2d(32, 64, kernel_size=(1, 9)),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=(1, 2), stride=2),
        )
        self.fc1 = nn.Sequential(nn.Linear(64 * 26, 1000), nn.ReLU())
        self.fc2 = nn.Sequential(nn.Linear(1000, 500), nn.ReLU())
        self.fc3 = nn.Linear(500, n_classes)

    def forward(self, x):
        out = self.conv2(self.conv1(x))
        out = out.reshape(-1, 64 * 26)
        out = self.fc2(self.fc1(out))
        out = self.fc3(out)
        out = F.softmax(out, dim=1)
        return out
