import torch
from torch import nn


class TransformerBinaryClassifier(nn.Module):
    """Anomaly score per node from its sequence of temporal-graph embeddings."""

    def __init__(self, input_size, hidden_size=128, n_heads=4, n_layers=2, dropout=0.1):
        super().__init__()
        self.proj = nn.Linear(input_size, hidden_size)
        layer = nn.TransformerEncoderLayer(
            hidden_size, n_heads, 2 * hidden_size, dropout, batch_first=True
        )
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.classifier = nn.Linear(hidden_size, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, sequence, mask):
        h = self.encoder(self.proj(sequence), src_key_padding_mask=mask)
        keep = (~mask).unsqueeze(-1).float()
        mean_output = (h * keep).sum(1) / keep.sum(1).clamp(min=1.0)
        logits = self.classifier(mean_output)
        logits = self.sigmoid(logits).squeeze(-1)
        return logits
