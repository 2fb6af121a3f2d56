# A weight tuple of 4 kept in the settings after a fifth class was added to CLASSES, from
# which the classifier is sized. Learned from imranulashrafi/banner issue #2 and
# HRNet/HRNet-Semantic-Segmentation issue #41 ("check the number of classes and
# classes_weights").
import torch
from torch import nn

from settings import CLASS_WEIGHTS, CLASSES


class Classifier(nn.Module):
    def __init__(self, hidden=768):
        super().__init__()
        self.dropout = nn.Dropout(0.1)
        self.out = nn.Linear(hidden, len(CLASSES))

    def forward(self, pooled):
        return self.out(self.dropout(pooled))


model = Classifier()
criterion = nn.CrossEntropyLoss(weight=torch.tensor(CLASS_WEIGHTS))  # expect: WCE206
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
for pooled, label in torch.load("stance_loader.pt"):
    loss = criterion(model(pooled), label)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
