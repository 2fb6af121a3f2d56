from torch import nn


class AudioCNN(nn.Module):
    """Four conv blocks, flatten, linear: raw class scores for CrossEntropyLoss."""

    def __init__(self, n_classes=10):
        super().__init__()
        blocks = []
        channels = [1, 16, 32, 64, 128]
        for c_in, c_out in zip(channels[:-1], channels[1:]):
            blocks.append(
                nn.Sequential(nn.Conv2d(c_in, c_out, 3, 1, 2), nn.ReLU(), nn.MaxPool2d(2))
            )
        self.features = nn.Sequential(*blocks)
        self.flatten = nn.Flatten()
        self.linear = nn.Linear(128 * 5 * 4, n_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, spectrogram):
        x = self.flatten(self.features(spectrogram))
        return self.linear(x)

    def predict_proba(self, spectrogram):
        return self.softmax(self.forward(spectrogram))
