# A Lightning module that keeps an nn.Softmax layer for its metrics and also runs the training
# loss through it, the mix that Lightning-AI/pytorch-lightning issue #20344 ("Everything prints
# fine, but the loss doesn't descent") was told to fix: nn.Softmax with nn.CrossEntropyLoss.
import lightning as L
import torch
from torch import nn
from torchmetrics.classification import MulticlassF1Score
from transformers import AutoModel


class EmotionClassifier(L.LightningModule):
    def __init__(self, model_name="distilbert-base-uncased", num_labels=6, lr=3e-5):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = AutoModel.from_pretrained(model_name)
        self.head = nn.Linear(self.encoder.config.hidden_size, num_labels)
        self.dropout = nn.Dropout(0.1)
        self.softmax = nn.Softmax(dim=1)
        self.criterion = nn.CrossEntropyLoss()
        self.val_f1 = MulticlassF1Score(num_classes=num_labels, average="macro")

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(hidden[:, 0]))

    def training_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        probs = self.softmax(logits)
        loss = self.criterion(probs, batch["labels"])  # expect: WCE101
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        loss = self.criterion(logits, batch["labels"])
        self.val_f1.update(self.softmax(logits), batch["labels"])
        self.log("val_loss", loss, prog_bar=True)
        self.log("val_f1", self.val_f1, on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.01)
