import torch
from torch import nn

counts = df["label"].value_counts().sort_index()  # expect: WCE201
weights = torch.tensor((counts.sum() / counts).values, dtype=torch.float32)
criterion = nn.CrossEntropyLoss(weight=weights)
