# Reproduces NVIDIA-Merlin/models, merlin/models/torch/outputs/classification.py before
# https://github.com/NVIDIA-Merlin/models/pull/1175: BinaryOutput builds Linear + nn.Sigmoid and
# defaults its loss to DEFAULT_LOSS_CLS = nn.BCEWithLogitsLoss ("we apply sigmoid twice").
from torch import nn


class BinaryOutput(nn.Module):
    """Prediction block for a binary target (click, purchase)."""

    DEFAULT_LOSS_CLS = nn.BCEWithLogitsLoss

    def __init__(self, in_features, loss=None, target_name="click"):
        super().__init__()
        self.target_name = target_name
        self.linear = nn.Linear(in_features, 1)
        self.activation = nn.Sigmoid()
        self.loss = loss or self.DEFAULT_LOSS_CLS()

    def forward(self, hidden):
        return self.activation(self.linear(hidden)).squeeze(-1)

    def compute_loss(self, hidden, batch):
        predictions = self(hidden)
        targets = batch[self.target_name].float()
        return self.loss(predictions, targets)  # expect: WCE104
