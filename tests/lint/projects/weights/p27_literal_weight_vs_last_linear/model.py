import torch
from torch import nn


class EmotionNet(nn.Module):
    """Fuses EEG and eye-tracking features; 3 arousal classes."""

    def __init__(self, eeg_dim=160, eye_dim=40):
        super().__init__()
        self.eeg = nn.Sequential(nn.Linear(eeg_dim, 64), nn.ReLU())
        self.eye = nn.Sequential(nn.Linear(eye_dim, 32), nn.ReLU())
        self.classifier = nn.Linear(96, 3)

    def forward(self, eeg, eye):
        return self.classifier(torch.cat([self.eeg(eeg), self.eye(eye)], dim=1))
