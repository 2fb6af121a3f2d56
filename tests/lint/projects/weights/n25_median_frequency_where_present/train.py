# Correct counterpart of p11 and p39: median frequency balancing computed over the classes
# present only; an absent class keeps weight 0 instead of median / 0. Learned from
# chainer/chainercv (examples/segnet/calc_weight.py) and hung-ai-dev/ImageSegmentation
# (helper/get_class_weights.py, frequencies appended only when positive).
import torch
from torch import nn
from torchvision.models.segmentation import fcn_resnet50

from calc_weight import median_frequency_weights

N_CLASS = 11
train_set = torch.load("camvid_train.pt")
weights = torch.from_numpy(median_frequency_weights(train_set, N_CLASS))
model = fcn_resnet50(num_classes=N_CLASS, weights=None, weights_backbone=None)
criterion = nn.CrossEntropyLoss(weight=weights, ignore_index=-1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for images, labels in torch.utils.data.DataLoader(train_set, batch_size=8, shuffle=True):
    loss = criterion(model(images)["out"], labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
