import torch.nn as nn


class WideBlock(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(c_in),
            nn.ReLU(),
            nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(),
            nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False),
        )
        self.short = nn.Identity()
        if stride != 1 or c_in != c_out:
            self.short = nn.Conv2d(c_in, c_out, 1, stride, bias=False)

    def forward(self, x):
        return self.body(x) + self.short(x)


class Classifier(nn.Module):
    def __init__(self, n_classes=10, width=64):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, width // 4, 3, padding=1),
            WideBlock(width // 4, width // 2, 1),
            WideBlock(width // 2, width, 2),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(),
        )
        self.fc = nn.Linear(width, n_classes)

    def forward(self, x):
        logits = self.fc(self.features(x))
        return logits.softmax(dim=-1)
