# sklearn-style balanced weights from np.bincount of ImageFolder targets, without
# minlength: a lesion type with an empty folder at the end of the sorted names is cut off.
# Learned from the RuntimeError reports of HRNet/HRNet-Semantic-Segmentation issue #41 and
# davidtvs/PyTorch-ENet issue #35 (weights sized from the data, not from the classes).
import torch
from torch import nn
from torchvision.models import resnet18

from datamodule import LesionData

data = LesionData("isic2019")
model = resnet18(num_classes=8)
criterion = nn.CrossEntropyLoss(weight=data.class_weights())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
loader = torch.utils.data.DataLoader(data.train_ds, batch_size=64, shuffle=True)
for images, labels in loader:
    loss = criterion(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
