from torch import nn
from torchvision.models import densenet121


class ChestXrayNet(nn.Module):
    def __init__(self, num_findings=14):
        super().__init__()
        self.backbone = densenet121(weights="DEFAULT")
        self.backbone.classifier = nn.Linear(self.backbone.classifier.in_features, num_findings)

    def forward(self, x):
        return self.backbone(x)
