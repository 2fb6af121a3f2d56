import torch.nn as nn
import torch.nn.functional as F


class M5(nn.Module):
    """Raw-waveform 1-D CNN (Dai et al., 2017) as in the torchaudio speech-command tutorial."""

    def __init__(self, n_input=1, n_output=35, stride=16, n_channel=32):
        super().__init__()
        self.conv1 = nn.Conv1d(n_input, n_channel, kernel_size=80, stride=stride)
        self.bn1 = nn.BatchNorm1d(n_channel)
        self.conv2 = nn.Conv1d(n_channel, n_channel, kernel_size=3)
        self.bn2 = nn.BatchNorm1d(n_channel)
        self.conv3 = nn.Conv1d(n_channel, 2 * n_channel, kernel_size=3)
        self.bn3 = nn.BatchNorm1d(2 * n_channel)
        self.fc1 = nn.Linear(2 * n_channel, n_output)

    def forward(self, x):
        x = F.max_pool1d(F.relu(self.bn1(self.conv1(x))), 4)
        x = F.max_pool1d(F.relu(self.bn2(self.conv2(x))), 4)
        x = F.max_pool1d(F.relu(self.bn3(self.conv3(x))), 4)
        x = F.avg_pool1d(x, x.shape[-1]).squeeze(-1)
        return F.softmax(self.fc1(x), dim=-1)
