import torch.nn.functional as F
from torch import nn
from torchvision.models import inception_v3


class InceptionWithAux(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.net = inception_v3(weights=None, aux_logits=True, num_classes=num_classes)

    def forward(self, x):
        if self.training:
            main, aux = self.net(x)
            return F.log_softmax(main, dim=1), aux
        return F.log_softmax(self.net(x), dim=1), None
