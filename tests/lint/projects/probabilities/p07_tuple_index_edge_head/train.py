# Reproduces nv-tlabs/GSCNN, network/gscnn.py and loss.py: the network returns (seg_out, edge_out)
# with edge_out = self.sigmoid(cs), and the edge loss applies binary_cross_entropy_with_logits to it
# (https://github.com/nv-tlabs/GSCNN/issues/62, "Potential bugs for edge loss").
import torch
from torchvision.models import resnet50

from losses import balanced_edge_bce, seg_loss
from network import GatedShapeNet


def train_epoch(net, loader, optimizer, device, edge_weight=20.0):
    net.train()
    total = 0.0
    for images, seg_mask, edge_mask in loader:
        images, seg_mask, edge_mask = images.to(device), seg_mask.to(device), edge_mask.to(device)
        optimizer.zero_grad()
        outputs = net(images)
        seg_out = outputs[0]
        edge_out = outputs[1]
        loss = seg_loss(seg_out, seg_mask)
        loss = loss + edge_weight * balanced_edge_bce(edge_out, edge_mask)  # expect: WCE104
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / max(len(loader), 1)


def build(num_classes=19):
    trunk = resnet50(weights=None)
    backbone = torch.nn.Sequential(*list(trunk.children())[:-2], torch.nn.Conv2d(2048, 256, 1))
    return GatedShapeNet(backbone, num_classes)


if __name__ == "__main__":
    from data import cityscapes_loader

    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = build().to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loader = cityscapes_loader("data/cityscapes", batch_size=8)
    for epoch in range(175):
        print(epoch, train_epoch(net, loader, optimizer, device))
