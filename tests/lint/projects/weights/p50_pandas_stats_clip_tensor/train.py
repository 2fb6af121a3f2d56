# Balanced weights computed with pandas on a per-class statistics table (counts clipped to 1,
# so no zero): the Series is float64, and torch.tensor of its .to_numpy() keeps float64, so
# the float32 logits fail with "expected scalar type Float but found Double". Learned from
# sebsk/CS224N-Project pull request #2 (label weights from pandas given to
# CrossEntropyLoss) and pytorch/pytorch issue #101213.
import torch
from torch import nn
from torchvision.models import efficientnet_b0

from data import class_weights_from_stats

class_weights = class_weights_from_stats("meta/class_stats.csv")
model = efficientnet_b0(num_classes=len(class_weights))
criterion = nn.CrossEntropyLoss(weight=class_weights)  # expect: WCE204
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
for images, species in torch.load("herbarium_loader.pt"):
    loss = criterion(model(images), species)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
