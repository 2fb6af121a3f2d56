# Background down-weighted in a weight of torch.ones(20), "one per VOC class", while the head
# is sized by the config's num_classes = 21 (the 20 object classes plus background): the
# weight is one short. Learned from HRNet/HRNet-Semantic-Segmentation issue #41 ("check the
# number of classes and classes_weights") and davidtvs/PyTorch-ENet issue #35, written anew.
import torch
from torch import nn

from config import CFG
from model import SegModel

model = SegModel(CFG["model"])
class_weight = torch.ones(20)
class_weight[0] = CFG["loss"]["background_weight"]
criterion = nn.CrossEntropyLoss(weight=class_weight, ignore_index=CFG["loss"]["ignore_index"])  # expect: WCE206
optimizer = torch.optim.SGD(model.parameters(), lr=CFG["train"]["lr"], momentum=0.9)
for epoch in range(CFG["train"]["epochs"]):
    for images, masks in torch.load("voc_aug_loader.pt"):
        loss = criterion(model(images), masks)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
