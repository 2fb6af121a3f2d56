# Correct counterpart of NVIDIA-Merlin/models BinaryOutput (pull request #1175): the default
# loss stays BCEWithLogitsLoss and forward returns logits; the sigmoid is kept for predict().
import torch
from torch import nn


class BinaryOutput(nn.Module):
    """Prediction block for a binary target: logits for the loss, sigmoid for serving."""

    DEFAULT_LOSS_CLS = nn.BCEWithLogitsLoss

    def __init__(self, in_features, loss=None, target_name="click"):
        super().__init__()
        self.target_name = target_name
        self.linear = nn.Linear(in_features, 1)
        self.activation = nn.Sigmoid()
        self.loss = loss or self.DEFAULT_LOSS_CLS()

    def forward(self, hidden):
        return self.linear(hidden).squeeze(-1)

    def compute_loss(self, hidden, batch):
        logits = self(hidden)
        return self.loss(logits, batch[self.target_name].float())

    @torch.no_grad()
    def predict(self, hidden):
        return self.activation(self(hidden))
