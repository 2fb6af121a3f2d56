import torch.nn.functional as F
from torch import nn
from torchvision.models import wide_resnet50_2


class WideResNetClassifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.net = wide_resnet50_2(num_classes=num_classes)

    def forward(self, x):
        logits = self.net(x)
        probs = F.softmax(logits, dim=1)
        return logits, probs
