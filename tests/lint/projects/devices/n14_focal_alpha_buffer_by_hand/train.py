import torch
from torchvision.models import mobilenet_v3_small

from focal import FocalLoss

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = mobilenet_v3_small(num_classes=4).to(device)
criterion = FocalLoss(alpha=[0.25, 0.75, 0.75, 0.9]).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for images, labels in torch.load("defects_loader.pt"):
    images, labels = images.to(device), labels.to(device)
    loss = criterion(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
