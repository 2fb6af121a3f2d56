import torch.nn as nn
import torch.nn.functional as F


class CharCNN(nn.Module):
    """Character-level text classifier that returns log-probabilities (paired with NLLLoss)."""

    def __init__(self, alphabet_size=70, n_classes=4, max_len=1014):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(alphabet_size, 256, 7),
            nn.ReLU(),
            nn.MaxPool1d(3),
            nn.Conv1d(256, 256, 7),
            nn.ReLU(),
            nn.MaxPool1d(3),
            nn.Conv1d(256, 256, 3),
            nn.ReLU(),
            nn.Conv1d(256, 256, 3),
            nn.ReLU(),
            nn.MaxPool1d(3),
        )
        reduced = (max_len - 96) // 27
        self.fc = nn.Sequential(
            nn.Linear(256 * reduced, 1024), nn.ReLU(), nn.Dropout(0.5), nn.Linear(1024, n_classes)
        )

    def forward(self, x):
        x = self.conv(x.transpose(1, 2)).flatten(1)
        return F.log_softmax(self.fc(x), dim=1)
