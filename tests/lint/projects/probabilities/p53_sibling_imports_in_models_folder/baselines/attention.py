import torch.nn as nn


class AttentionHead(nn.Module):
    """The baseline's head of the same name, in logits: which one `from attention import
    AttentionHead` means depends on the folder of the file that imports it."""

    def __init__(self, features, classes):
        super().__init__()
        self.fc = nn.Linear(features, classes)

    def forward(self, x):
        return self.fc(x)
