import torch
from torch import nn

from engine import train_epoch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = nn.Sequential(nn.Linear(40, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 3)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = torch.load("fetal_health_loader.pt")
for epoch in range(100):
    print(epoch, train_epoch(model, loader, optimizer, device))
