# The label list gained an "unknown" class but the model is still built with the old
# num_classes: the weight has len(CLASSES) = 6 entries, the logits 5. Learned from
# imranulashrafi/banner issue #2 (weight of shape [10] for a 6-class model) and
# HRNet/HRNet-Semantic-Segmentation issue #41 ("check the number of classes and
# classes_weights").
import timm
import torch
from torch import nn

from labels import CLASSES, RARE

model = timm.create_model("efficientnet_b3", pretrained=True, num_classes=5)
weight = torch.ones(len(CLASSES))
for i, name in enumerate(CLASSES):
    if name in RARE:
        weight[i] = 3.0
criterion = nn.CrossEntropyLoss(weight=weight)  # expect: WCE206
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
for leaves, disease in torch.load("cassava_loader.pt"):
    loss = criterion(model(leaves), disease)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
