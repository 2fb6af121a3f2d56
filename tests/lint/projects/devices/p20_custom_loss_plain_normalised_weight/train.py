import torch
from torchvision.models.video import r3d_18

from losses import WeightedCrossEntropy

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = r3d_18(num_classes=6).to(device)
criterion = WeightedCrossEntropy(torch.tensor([1.0, 1.0, 2.0, 2.0, 5.0, 5.0])).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for clips, labels in torch.load("action_clips_loader.pt"):
    clips, labels = clips.to(device), labels.to(device)
    loss = criterion(model(clips), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
