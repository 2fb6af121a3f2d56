# Correct counterpart of p01: the weighted criterion is a submodule of the LightningModule, so
# its weight (a buffer of nn.CrossEntropyLoss) moves with the module. This is the answer given
# in Lightning-AI/pytorch-lightning issue #2984 ("CrossEntropyLoss with weights").
import lightning as L
import torch
from torch import nn
from torchvision.models import resnet18


class LeafDiseaseClassifier(L.LightningModule):
    def __init__(self, num_classes=5, class_weights=(1.0, 2.5, 4.0, 1.2, 3.0), lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.backbone = resnet18(num_classes=num_classes)
        weight = torch.tensor(class_weights, dtype=torch.float32)
        self.criterion = nn.CrossEntropyLoss(weight=weight)

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        images, labels = batch
        loss = self.criterion(self(images), labels)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
