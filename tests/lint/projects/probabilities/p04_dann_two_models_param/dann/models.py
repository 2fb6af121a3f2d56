import torch.nn.functional as F
from torch import nn
from torch.autograd import Function


class ReverseLayerF(Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.alpha = alpha
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg() * ctx.alpha, None


class Extractor(nn.Module):
    def __init__(self):
        super().__init__()
        self.extractor = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 48, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )

    def forward(self, x):
        return self.extractor(x).flatten(1)


class Classifier(nn.Module):
    def __init__(self, in_features=48 * 7 * 7, n_classes=10):
        super().__init__()
        self.classifier = nn.Sequential(
            nn.Linear(in_features, 100),
            nn.ReLU(),
            nn.Linear(100, 100),
            nn.ReLU(),
            nn.Linear(100, n_classes),
        )

    def forward(self, x):
        x = self.classifier(x)
        return F.softmax(x, dim=1)


class Discriminator(nn.Module):
    def __init__(self, in_features=48 * 7 * 7):
        super().__init__()
        self.discriminator = nn.Sequential(
            nn.Linear(in_features, 100), nn.ReLU(), nn.Linear(100, 2)
        )

    def forward(self, feature, alpha):
        return self.discriminator(ReverseLayerF.apply(feature, alpha))
