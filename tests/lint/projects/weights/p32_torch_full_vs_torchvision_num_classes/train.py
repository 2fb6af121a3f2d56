# Background down-weighted with torch.full((NUM_FG,), ...) sized by the foreground classes,
# while the torchvision DeepLabV3 predicts NUM_FG + 1 channels including background.
# Learned from davidtvs/PyTorch-ENet issue #35 (4-class CamVid-like data with a weight of
# another length) and the "(C,)" answer in open-mmlab/mmdetection issue #8668.
import torch
from torch import nn
from torchvision.models.segmentation import deeplabv3_resnet50

NUM_FG = 5
model = deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=NUM_FG + 1)
class_weight = torch.full((NUM_FG,), 2.0)
class_weight[0] = 0.2
criterion = nn.CrossEntropyLoss(weight=class_weight)  # expect: WCE206
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
model.train()
for images, masks in torch.load("drone_seg_loader.pt"):
    loss = criterion(model(images)["out"], masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
