# The LightningMNISTClassifier of the PyTorch Lightning introductions as written there:
# forward ends in torch.log_softmax, the cross_entropy_loss() helper wraps F.nll_loss (as in
# hugodmn/DiffusionModel_from_scratch, models/diffusion_module.py); predict_step turns the
# log-probabilities into probabilities with .exp() for the exported predictions.
import pytorch_lightning as pl
import torch
from torch import nn
from torch.nn import functional as F


class LightningMNISTClassifier(pl.LightningModule):
    def __init__(self, lr=1e-3):
        super().__init__()
        self.lr = lr
        self.layer_1 = nn.Linear(28 * 28, 128)
        self.layer_2 = nn.Linear(128, 256)
        self.layer_3 = nn.Linear(256, 10)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        x = torch.relu(self.layer_1(x))
        x = torch.relu(self.layer_2(x))
        return torch.log_softmax(self.layer_3(x), dim=1)

    def cross_entropy_loss(self, logits, labels):
        return F.nll_loss(logits, labels)

    def training_step(self, train_batch, batch_idx):
        x, y = train_batch
        logits = self.forward(x)
        loss = self.cross_entropy_loss(logits, y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, val_batch, batch_idx):
        x, y = val_batch
        logits = self(x)
        self.log("val_loss", self.cross_entropy_loss(logits, y), prog_bar=True)

    def predict_step(self, batch, batch_idx, dataloader_idx=0):
        x, _ = batch
        probs = self(x).exp()
        return probs.max(dim=1)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)
