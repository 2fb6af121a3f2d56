# Keyword spotting in Lightning: the wrapped M5 ends in F.softmax (the torchaudio tutorial ends
# in log_softmax and uses nll_loss); training_step calls self(x) and gives the result to
# nn.CrossEntropyLoss.
import lightning as L
import torch
import torch.nn as nn

from .models import M5


class LitKWS(L.LightningModule):
    def __init__(self, n_classes=35, lr=1e-2, weight_decay=1e-4):
        super().__init__()
        self.save_hyperparameters()
        self.model = M5(n_output=n_classes)
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, waveform):
        return self.model(waveform)

    def training_step(self, batch, batch_idx):
        waveform, target = batch
        output = self(waveform)
        loss = self.criterion(output, target)  # expect: WCE101
        self.log("train/loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        waveform, target = batch
        pred = self(waveform).argmax(dim=-1)
        self.log("val/acc", (pred == target).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        optimizer = torch.optim.Adam(
            self.parameters(), lr=self.hparams.lr, weight_decay=self.hparams.weight_decay
        )
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=20, gamma=0.1)
        return {"optimizer": optimizer, "lr_scheduler": scheduler}
