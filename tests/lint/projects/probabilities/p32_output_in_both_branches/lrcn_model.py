import torch.nn as nn
from torchvision import models


class FrameEncoder(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.cnn = models.resnet50(weights="IMAGENET1K_V2")
        for param in self.cnn.parameters():
            param.requires_grad = False
        self.cnn.fc = nn.Linear(self.cnn.fc.in_features, latent_dim)

    def forward(self, x):
        return self.cnn(x)


class ConvLstm(nn.Module):
    """Per-frame CNN features, an LSTM over time, a classifier on the last step."""

    def __init__(self, latent_dim, hidden_size, lstm_layers, bidirectional, n_class):
        super().__init__()
        self.encoder = FrameEncoder(latent_dim)
        self.lstm = nn.LSTM(
            latent_dim, hidden_size, lstm_layers, batch_first=True, bidirectional=bidirectional
        )
        self.hidden_state = None
        width = 2 * hidden_size if bidirectional else hidden_size
        self.output_layer = nn.Sequential(nn.Linear(width, n_class), nn.Softmax(dim=-1))

    def reset_hidden_state(self):
        self.hidden_state = None

    def forward(self, x):
        batch, steps, c, h, w = x.shape
        feats = self.encoder(x.view(batch * steps, c, h, w)).view(batch, steps, -1)
        seq, self.hidden_state = self.lstm(feats, self.hidden_state)
        return self.output_layer(seq[:, -1, :])
