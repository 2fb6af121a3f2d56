# Correct counterpart of p02: the pos_weight made inside training_step is created on
# self.device, the device Lightning has put the module on (the fix discussed in
# Lightning-AI/pytorch-lightning issue #2400).
import lightning as L
import torch
import torch.nn.functional as F
from torch import nn
from transformers import AutoModel


class ToxicTagger(L.LightningModule):
    def __init__(self, encoder="roberta-base", num_labels=6, pos_weight=8.0, lr=2e-5):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = AutoModel.from_pretrained(encoder)
        self.head = nn.Linear(self.encoder.config.hidden_size, num_labels)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(hidden[:, 0])

    def training_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        pos_weight = torch.full(
            (self.hparams.num_labels,), self.hparams.pos_weight, device=self.device
        )
        loss = F.binary_cross_entropy_with_logits(
            logits, batch["labels"].float(), pos_weight=pos_weight
        )
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
