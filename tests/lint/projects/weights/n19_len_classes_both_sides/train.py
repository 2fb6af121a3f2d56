# Correct counterpart of p28: the model and the weight are both sized with len(CLASSES).
# Learned from imranulashrafi/banner issue #2 and HRNet/HRNet-Semantic-Segmentation issue #41
# ("check the number of classes and classes_weights").
import timm
import torch
from torch import nn

from labels import CLASSES, RARE

model = timm.create_model("efficientnet_b3", pretrained=True, num_classes=len(CLASSES))
weight = torch.ones(len(CLASSES))
for i, name in enumerate(CLASSES):
    if name in RARE:
        weight[i] = 3.0
criterion = nn.CrossEntropyLoss(weight=weight)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
for leaves, disease in torch.load("cassava_loader.pt"):
    loss = criterion(model(leaves), disease)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
