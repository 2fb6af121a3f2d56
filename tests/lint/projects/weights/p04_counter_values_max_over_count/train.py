# Segmentation-head class weights max(count) / count over the values of a Counter of the
# labels found in the training masks: a class drawn in no mask has no entry, so the list is
# short and the order is that of first appearance. Learned from midasklr/yolov5ds issue #9
# ("cls_weights = [max(count_balance)/it for it in count_balance], it is zero?").
from collections import Counter

import torch
from torch import nn

from model import SegHead

masks = torch.load("train_masks.pt")
count_balance = Counter(masks.flatten().tolist())  # expect: WCE201
cls_weights = [max(count_balance.values()) / it for it in count_balance.values()]

head = SegHead(num_classes=7)
criterion = nn.CrossEntropyLoss(weight=torch.tensor(cls_weights, dtype=torch.float32))
optimizer = torch.optim.SGD(head.parameters(), lr=0.01, momentum=0.9)
for features, target in torch.load("seg_batches.pt"):
    loss = criterion(head(features), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
