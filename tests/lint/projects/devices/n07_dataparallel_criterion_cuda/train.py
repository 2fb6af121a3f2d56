import argparse

import torch
from torch import nn
from torchvision.models.segmentation import deeplabv3_resnet50

from criterion import create_criterion

parser = argparse.ArgumentParser()
parser.add_argument("--num-classes", dest="num_classes", type=int, default=19)
parser.add_argument("--rare-classes", dest="rare_classes", type=int, nargs="*", default=[12, 17])
opt = parser.parse_args()

model = deeplabv3_resnet50(num_classes=opt.num_classes)
model = nn.DataParallel(model).cuda()
criterion = create_criterion(opt)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loader = torch.load("cityscapes_train_loader.pt")

for images, masks in loader:
    images, masks = images.cuda(non_blocking=True), masks.cuda(non_blocking=True)
    loss = criterion(model(images)["out"], masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
