# Correct look-alike of p24, p43 and p52: the weights are float64 (.double()), but so is the
# whole model (model.double()) and so are the inputs, kept in float64 from numpy on purpose:
# the logits and the weight have the same dtype. Learned from the "expected scalar type Double
# but found Float" answers of the PyTorch forums (model.double() for float64 numpy inputs) and
# pytorch/pytorch issue #101213 (the weight must match the input's dtype), written anew.
import numpy as np
import torch
from torch import nn

from model import JetTagger

CLASSES = ["light", "charm", "bottom", "top"]
features = torch.from_numpy(np.load("jets_features.npy"))
labels = torch.from_numpy(np.load("jets_labels.npy")).long()
counts = torch.bincount(labels, minlength=len(CLASSES)).double()
weight = counts.sum() / (len(CLASSES) * counts.clamp(min=1.0))

model = JetTagger(features.shape[1], len(CLASSES)).double()
criterion = nn.CrossEntropyLoss(weight=weight)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(100):
    for i in range(0, len(features), 512):
        loss = criterion(model(features[i:i + 512]), labels[i:i + 512])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
