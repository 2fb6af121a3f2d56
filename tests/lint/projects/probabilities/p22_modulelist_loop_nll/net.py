from torch import nn


class ECGNet(nn.Module):
    """1-D conv net over single-lead ECG windows; five beat classes (N, S, V, F, Q)."""

    def __init__(self, n_classes=5, widths=(32, 64, 128)):
        super().__init__()
        self.blocks = nn.ModuleList()
        prev = 1
        for w in widths:
            self.blocks.append(
                nn.Sequential(
                    nn.Conv1d(prev, w, 7, padding=3), nn.BatchNorm1d(w), nn.ReLU(), nn.MaxPool1d(2)
                )
            )
            prev = w
        self.blocks.append(nn.AdaptiveAvgPool1d(1))
        self.blocks.append(nn.Flatten())
        self.blocks.append(nn.Linear(prev, n_classes))
        self.blocks.append(nn.Softmax(dim=1))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x
