from torch import nn


class AudioCNN(nn.Module):
    """Four conv blocks, flatten, linear, softmax over the ten sound classes."""

    def __init__(self, n_classes=10):
        super().__init__()
        blocks = []
        channels = [1, 16, 32, 64, 128]
        for c_in, c_out in zip(channels[:-1], channels[1:]):
            blocks.append(
                nn.Sequential(
                    nn.Conv2d(c_in, c_out, kernel_size=3, stride=1, padding=2),
                    nn.ReLU(),
                    nn.MaxPool2d(kernel_size=2),
                )
            )
        self.features = nn.Sequential(*blocks)
        self.flatten = nn.Flatten()
        self.linear = nn.Linear(128 * 5 * 4, n_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, spectrogram):
        x = self.features(spectrogram)
        x = self.flatten(x)
        logits = self.linear(x)
        predictions = self.softmax(logits)
        return predictions
