# Reproduces Lightning-Universe/lightning-bolts, pl_bolts/models/self_supervised/evaluator.py and
# ssl_finetuner.py before the fix of issue #662: both branches of SSLEvaluator end in
# nn.Softmax(), and SSLFineTuner.shared_step gives its output to F.cross_entropy
# (https://github.com/Lightning-Universe/lightning-bolts/issues/662).
import pytorch_lightning as pl
import torch
from torch.nn import functional as F
from torchmetrics import Accuracy

from .evaluator import SSLEvaluator


class SSLFineTuner(pl.LightningModule):
    def __init__(
        self,
        backbone,
        in_features=2048,
        num_classes=1000,
        epochs=100,
        hidden_dim=None,
        dropout=0.0,
        learning_rate=0.1,
        weight_decay=1e-6,
        nesterov=False,
    ):
        super().__init__()
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.nesterov = nesterov
        self.epochs = epochs
        self.backbone = backbone
        self.linear_layer = SSLEvaluator(
            n_input=in_features, n_classes=num_classes, p=dropout, n_hidden=hidden_dim
        )
        self.train_acc = Accuracy(task="multiclass", num_classes=num_classes)
        self.val_acc = Accuracy(task="multiclass", num_classes=num_classes)

    def on_train_epoch_start(self):
        self.backbone.eval()

    def shared_step(self, batch):
        x, y = batch
        with torch.no_grad():
            feats = self.backbone(x)
        feats = feats.view(feats.size(0), -1)
        logits = self.linear_layer(feats)
        loss = F.cross_entropy(logits, y)  # expect: WCE101
        return loss, logits, y

    def training_step(self, batch, batch_idx):
        loss, logits, y = self.shared_step(batch)
        self.log("train_loss", loss, prog_bar=True)
        self.log("train_acc_step", self.train_acc(logits, y), prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        loss, logits, y = self.shared_step(batch)
        self.val_acc(logits, y)
        self.log("val_loss", loss, prog_bar=True, sync_dist=True)
        self.log("val_acc", self.val_acc)
        return loss

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(
            self.linear_layer.parameters(),
            lr=self.learning_rate,
            nesterov=self.nesterov,
            momentum=0.9,
            weight_decay=self.weight_decay,
        )
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, self.epochs)
        return [optimizer], [scheduler]
