import timm
import torch
from torch import nn

from config import CFG


def run(train_loader):
    model = timm.create_model(CFG.model_name, pretrained=True, num_classes=CFG.num_classes)
    model.to(CFG.device)
    criterion = nn.CrossEntropyLoss(weight=CFG.class_weights)  # expect: WCE301
    optimizer = torch.optim.AdamW(model.parameters(), lr=CFG.lr)
    for epoch in range(CFG.epochs):
        for images, labels in train_loader:
            images, labels = images.to(CFG.device), labels.to(CFG.device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
