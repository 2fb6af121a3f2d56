import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn


class SentimentHead(nn.Module):
    def __init__(self, weights_csv, hidden=768, n_labels=3):
        super().__init__()
        self.fc = nn.Linear(hidden, n_labels)
        table = pd.read_csv(weights_csv).sort_values("label_id")
        self.register_buffer("class_weights", torch.tensor(table["weight"].to_numpy(dtype=np.float32)))

    def forward(self, pooled):
        return self.fc(pooled)

    def loss(self, pooled, labels):
        return F.cross_entropy(self.forward(pooled), labels, weight=self.class_weights)
