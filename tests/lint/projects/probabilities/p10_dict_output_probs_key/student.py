import torch.nn.functional as F
from torch import nn
from torchvision.models import resnet18


class Student(nn.Module):
    """ResNet-18 student; returns what the distillation loss needs."""

    def __init__(self, num_classes=100, temperature=4.0):
        super().__init__()
        self.backbone = resnet18(num_classes=num_classes)
        self.temperature = temperature

    def forward(self, x):
        logits = self.backbone(x)
        return {
            "probs": F.softmax(logits, dim=1),
            "soft": F.log_softmax(logits / self.temperature, dim=1),
        }
