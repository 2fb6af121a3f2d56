# SegNet's median frequency balancing: median(freq) / freq(c). A class that appears in no
# training image has frequency 0 and an infinite weight. Learned from chainer/chainercv
# (examples/segnet/calc_weight.py) and its ports, e.g. ta7uw/SegNet-Chainer (calc_weight.py).
import torch
from torch import nn
from torchvision.models.segmentation import fcn_resnet50

from calc_weight import median_frequency_weights

N_CLASS = 11
train_set = torch.load("camvid_train.pt")
weights = torch.from_numpy(median_frequency_weights(train_set, N_CLASS)).float()
model = fcn_resnet50(num_classes=N_CLASS, weights=None, weights_backbone=None)
criterion = nn.CrossEntropyLoss(weight=weights, ignore_index=-1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for images, labels in torch.utils.data.DataLoader(train_set, batch_size=8, shuffle=True):
    loss = criterion(model(images)["out"], labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
