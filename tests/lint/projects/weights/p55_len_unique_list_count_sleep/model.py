from torch import nn


class SleepNet(nn.Module):
    def __init__(self, n_stages):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(1, 64, 50, stride=6), nn.ReLU(), nn.MaxPool1d(8),
            nn.Conv1d(64, 128, 8, padding=4), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
        )
        self.fc = nn.Linear(128, n_stages)

    def forward(self, eeg):
        return self.fc(self.features(eeg).flatten(1))
