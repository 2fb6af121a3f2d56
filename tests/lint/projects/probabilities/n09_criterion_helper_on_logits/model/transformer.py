from torch import nn


class TransformerBinaryClassifier(nn.Module):
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
        pooled = (h * keep).sum(1) / keep.sum(1).clamp(min=1.0)
        return self.classifier(pooled).squeeze(-1)

    def score(self, sequence, mask):
        return self.sigmoid(self.forward(sequence, mask))
