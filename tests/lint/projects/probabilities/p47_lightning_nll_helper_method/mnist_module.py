# The "LightningMNISTClassifier" of the PyTorch Lightning introductions (forward ends in
# log_softmax, a cross_entropy_loss() helper wraps F.nll_loss; the same helper appears in
# hugodmn/DiffusionModel_from_scratch, models/diffusion_module.py), written here with
# torch.softmax at the end of forward instead: nll_loss then gets probabilities.
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
        batch_size = x.size(0)
        x = x.view(batch_size, -1)
        x = torch.relu(self.layer_1(x))
        x = torch.relu(self.layer_2(x))
        x = self.layer_3(x)
        x = torch.softmax(x, dim=1)
        return x

    def cross_entropy_loss(self, logits, labels):
        return F.nll_loss(logits, labels)

    def training_step(self, train_batch, batch_idx):
        x, y = train_batch
        logits = self.forward(x)
        loss = self.cross_entropy_loss(logits, y)  # expect: WCE103
        self.log("train_loss", loss)
        return loss

    def validation_step(self, val_batch, batch_idx):
        x, y = val_batch
        probs = self.forward(x)
        acc = (probs.argmax(dim=1) == y).float().mean()
        self.log("val_acc", acc, prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)
