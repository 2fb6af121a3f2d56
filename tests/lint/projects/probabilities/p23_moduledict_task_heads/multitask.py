from torch import nn
from torchvision.models import efficientnet_b0


class MultiTaskNet(nn.Module):
    """Shared trunk; one head per task, every head built the same way."""

    def __init__(self, tasks):
        super().__init__()
        trunk = efficientnet_b0(weights=None)
        self.trunk = nn.Sequential(trunk.features, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.heads = nn.ModuleDict()
        for name, n_classes in tasks.items():
            self.heads[name] = nn.Sequential(
                nn.Dropout(0.2), nn.Linear(1280, n_classes), nn.Softmax(dim=1)
            )

    def forward(self, images):
        h = self.trunk(images)
        return {name: head(h) for name, head in self.heads.items()}
