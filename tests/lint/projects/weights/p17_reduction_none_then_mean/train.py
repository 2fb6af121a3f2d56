# Inverse point counts kept raw (sum / count, in the hundreds) with reduction='none' and a
# plain mean afterwards: the scale of the weights becomes the scale of the step. Learned from
# tsunghan-wu/RandLA-Net-pytorch issue #26 (nn.CrossEntropyLoss(weight=class_weights,
# reduction='none') with class_weights from train_dataset.get_class_weight()).
import torch
from torch import nn

from dataset import get_class_weight
from network import RandLANetHead

class_weights = torch.from_numpy(get_class_weight()).float()
net = RandLANetHead(num_classes=19)
criterion = nn.CrossEntropyLoss(
    weight=class_weights,  # expect: WCE203
    reduction="none",
)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
for features, labels in torch.load("kitti_batches.pt"):
    logits = net(features)
    loss = criterion(logits, labels).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
