from torch import nn

DEFAULTS = {
    "backbone_channels": [32, 64, 128],
    "head_activation": "Softmax",
    "num_classes": 6,
}


class ConvClassifier(nn.Module):
    def __init__(self, channels, num_classes, head_activation):
        super().__init__()
        stages, prev = [], 3
        for c in channels:
            stages += [
                nn.Conv2d(prev, c, 3, padding=1),
                nn.BatchNorm2d(c),
                nn.ReLU(),
                nn.MaxPool2d(2),
            ]
            prev = c
        self.features = nn.Sequential(*stages, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(prev, num_classes)
        self.act = getattr(nn, head_activation)(dim=1)

    def forward(self, x):
        return self.act(self.fc(self.features(x)))


def build_classifier(overrides=None):
    cfg = {**DEFAULTS, **(overrides or {})}
    return ConvClassifier(cfg["backbone_channels"], cfg["num_classes"], cfg["head_activation"])
