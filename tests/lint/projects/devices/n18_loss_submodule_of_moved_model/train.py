import torch
from torch import nn

from model import ChestXrayNet

model = nn.DataParallel(ChestXrayNet()).cuda()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for images, findings in torch.load("chexpert_loader.pt"):
    images, findings = images.cuda(non_blocking=True), findings.cuda(non_blocking=True)
    logits, loss = model(images, findings)
    optimizer.zero_grad()
    loss.mean().backward()
    optimizer.step()
