import torch.nn.functional as F
from torch import nn
from torchvision.models import resnet50


class SupConClassifier(nn.Module):
    """ResNet-50 trunk with a projection head (contrastive) and a class head."""

    def __init__(self, num_classes=100, proj_dim=128):
        super().__init__()
        trunk = resnet50(weights=None)
        trunk.fc = nn.Identity()
        self.trunk = trunk
        self.projector = nn.Sequential(
            nn.Linear(2048, 2048), nn.ReLU(inplace=True), nn.Linear(2048, proj_dim)
        )
        self.classifier = nn.Linear(2048, num_classes)

    def forward(self, x):
        h = self.trunk(x)
        z = F.normalize(self.projector(h), dim=1)
        return self.classifier(h).softmax(dim=1), z
