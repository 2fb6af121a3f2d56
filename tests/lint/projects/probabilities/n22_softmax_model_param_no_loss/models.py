import torch.nn.functional as F
from torch import nn


class SpeechCommandNet(nn.Module):
    def __init__(self, n_classes=35, n_mels=40):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(n_mels, 128, 5, padding=2),
            nn.BatchNorm1d(128),
            nn.ReLU(),
            nn.Conv1d(128, 128, 5, padding=2),
            nn.BatchNorm1d(128),
            nn.ReLU(),
            nn.AdaptiveAvgPool1d(1),
            nn.Flatten(),
        )
        self.fc = nn.Linear(128, n_classes)

    def forward(self, mels):
        return self.fc(self.conv(mels))


class CalibratedEnsemble(nn.Module):
    """Averages the members' probabilities; only used for evaluation."""

    def __init__(self, members, temperature=1.5):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.temperature = temperature

    def forward(self, mels):
        probs = [F.softmax(m(mels) / self.temperature, dim=1) for m in self.members]
        return sum(probs) / len(probs)
