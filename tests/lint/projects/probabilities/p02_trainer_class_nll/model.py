import torch
from torch import nn


class TextEncoderClassifier(nn.Module):
    def __init__(self, vocab_size, d_model=256, n_heads=4, n_layers=2, n_classes=4, dropout=0.1):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.pos = nn.Parameter(torch.zeros(1, 512, d_model))
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.fc = nn.Linear(d_model, n_classes)
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, tokens):
        h = self.embed(tokens) + self.pos[:, : tokens.size(1)]
        h = self.encoder(h, src_key_padding_mask=tokens.eq(0))
        final_feature_map = h[:, -1, :]
        final_out = self.fc(final_feature_map)
        return self.softmax(final_out)
