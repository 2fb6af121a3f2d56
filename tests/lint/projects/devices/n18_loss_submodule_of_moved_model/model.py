# Correct: the model owns its weighted loss as a submodule (self.loss_fn), like
# transformers' models that compute their loss in forward, and model.cuda() moves the
# pos_weight buffer with it (pytorch/pytorch issue #2641: buffers follow the module).
import torch
from torch import nn
from torchvision.models import densenet121


class ChestXrayNet(nn.Module):
    def __init__(self, num_findings=14, pos_weight=3.0):
        super().__init__()
        self.backbone = densenet121(weights="DEFAULT")
        self.backbone.classifier = nn.Linear(self.backbone.classifier.in_features, num_findings)
        self.loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.full((num_findings,), pos_weight))

    def forward(self, images, findings=None):
        logits = self.backbone(images)
        if findings is None:
            return logits
        return logits, self.loss_fn(logits, findings.float())
