# The fix first proposed in Lightning-AI/pytorch-lightning PR #7096 for
# computer_vision_fine_tuning.py kept torch.sigmoid in forward() and switched the loss to
# F.binary_cross_entropy; here a Lightning 2.x module does the same on tabular data
# (sigmoid output, then binary_cross_entropy: use the with-logits loss on the logits).
import lightning as L
import torch
import torch.nn.functional as F
from torch import nn
from torchmetrics.classification import BinaryAUROC


class FraudDetector(L.LightningModule):
    def __init__(self, n_features, hidden=128, lr=1e-3, pos_weight=20.0):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden),
            nn.BatchNorm1d(hidden),
            nn.ReLU(),
            nn.Dropout(0.2),
            nn.Linear(hidden, 1),
            nn.Sigmoid(),
        )
        self.val_auroc = BinaryAUROC()

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        y_hat = self(x).squeeze(1)
        weight = torch.where(y > 0, self.hparams.pos_weight, 1.0)
        loss = F.binary_cross_entropy(y_hat, y.float(), weight=weight)  # expect: WCE105
        self.log("train_loss", loss, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        scores = self(x).squeeze(1)
        self.val_auroc.update(scores, y.int())
        self.log("val_auroc", self.val_auroc, on_epoch=True, prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
