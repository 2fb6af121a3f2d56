import torch
from torch import nn
from torch.utils.data import DataLoader

from sampler import BalancedSampler

dataset = torch.load("keyword_spotting_train.pt")
labels = [int(label) for _, label in dataset]
loader = DataLoader(dataset, batch_size=64, sampler=BalancedSampler(labels))
model = nn.Sequential(nn.Flatten(), nn.Linear(40 * 101, 128), nn.ReLU(), nn.Linear(128, 12))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for features, target in loader:
    loss = criterion(model(features), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
