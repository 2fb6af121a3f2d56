# Pixel-count weights sized by the config's NUM_CLASSES (bincount minlength) while the
# segmentation head, kept from another checkpoint, outputs 20 channels. Learned from
# Tramac/Fast-SCNN-pytorch issue #21 ("weight tensor should be defined either for all or no
# classes" when training on another dataset) and HRNet/HRNet-Semantic-Segmentation issue #41.
import torch
from torch import nn

from config import BASE_LR, IGNORE_LABEL, NUM_CLASSES
from model import FastSCNNHead

train_ids = torch.load("cityscapes_train_ids.pt")
valid = train_ids[train_ids != IGNORE_LABEL]
pixels = torch.bincount(valid, minlength=NUM_CLASSES).float()
class_weight = pixels.sum() / (NUM_CLASSES * pixels.clamp(min=1))

model = FastSCNNHead()
criterion = nn.CrossEntropyLoss(weight=class_weight, ignore_index=IGNORE_LABEL)  # expect: WCE206
optimizer = torch.optim.SGD(model.parameters(), lr=BASE_LR, momentum=0.9)
for features, target in torch.load("cityscapes_features.pt"):
    loss = criterion(model(features), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
