# Reproduces Lightning-AI/pytorch-lightning, pl_examples/domain_templates/
# computer_vision_fine_tuning.py before PR #7096: forward() returns torch.sigmoid(x) while the
# loss held in self.loss_func is F.binary_cross_entropy_with_logits
# (https://github.com/Lightning-AI/pytorch-lightning/pull/7096, discussion #7081).
import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.optim.lr_scheduler import MultiStepLR
from torchvision import models


class TransferLearningModel(pl.LightningModule):
    def __init__(self, backbone="resnet50", milestones=(5, 10), lr=1e-3, lr_scheduler_gamma=1e-1):
        super().__init__()
        self.backbone = backbone
        self.milestones = milestones
        self.lr = lr
        self.lr_scheduler_gamma = lr_scheduler_gamma
        self.__build_model()
        self.save_hyperparameters()

    def __build_model(self):
        model_func = getattr(models, self.backbone)
        backbone = model_func(weights="DEFAULT")
        self.feature_extractor = nn.Sequential(*list(backbone.children())[:-1])
        self.fc = nn.Sequential(
            nn.Linear(2048, 256), nn.ReLU(), nn.Linear(256, 32), nn.Linear(32, 1)
        )
        self.loss_func = F.binary_cross_entropy_with_logits

    def forward(self, x):
        x = self.feature_extractor(x)
        x = x.squeeze(-1).squeeze(-1)
        x = self.fc(x)
        return torch.sigmoid(x)

    def loss(self, logits, labels):
        return self.loss_func(input=logits, target=labels)

    def training_step(self, batch, batch_idx):
        x, y = batch
        y_logits = self.forward(x)
        y_true = y.view((-1, 1)).type_as(x)
        train_loss = self.loss(y_logits, y_true)  # expect: WCE104
        acc = ((y_logits > 0.5) == y_true.bool()).float().mean()
        self.log("train_acc", acc, prog_bar=True)
        return train_loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        y_logits = self.forward(x)
        y_true = y.view((-1, 1)).type_as(x)
        self.log("val_loss", self.loss(y_logits, y_true), prog_bar=True)  # expect: WCE104
        acc = ((y_logits > 0.5) == y_true.bool()).float().mean()
        self.log("val_acc", acc, prog_bar=True)

    def configure_optimizers(self):
        trainable = [p for p in self.parameters() if p.requires_grad]
        optimizer = optim.Adam(trainable, lr=self.lr)
        scheduler = MultiStepLR(
            optimizer, milestones=self.milestones, gamma=self.lr_scheduler_gamma
        )
        return [optimizer], [scheduler]
