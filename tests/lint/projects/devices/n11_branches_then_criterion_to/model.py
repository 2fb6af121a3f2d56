from torch import nn


class AudioTagger(nn.Module):
    def __init__(self, num_tags=50, n_mels=96):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(n_mels, 256, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten()
        )
        self.fc = nn.Linear(256, num_tags)

    def forward(self, mel):
        return self.fc(self.conv(mel))
