import torch
from torch import nn


class AdultNet(nn.Module):
    """Income > 50K classifier on the one-hot encoded Adult census table."""

    def __init__(self, input_size, hidden_size=64, num_classes=1):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.fc2 = nn.Linear(hidden_size, hidden_size)
        self.fc3 = nn.Linear(hidden_size, num_classes)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.relu(self.fc1(x))
        out = self.relu(self.fc2(out))
        out = self.fc3(out)
        return torch.sigmoid(out)
