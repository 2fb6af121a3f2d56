# Correct: a tabular model trained on purpose on the CPU (device = torch.device("cpu")), so
# the CPU class weights meet CPU inputs. The .to(device) calls are not evidence of a GPU.
import torch
from torch import nn

from data import load_churn

device = torch.device("cpu")
features, labels = load_churn("churn.csv")
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(features, labels), batch_size=256, shuffle=True
)

model = nn.Sequential(nn.Linear(features.shape[1], 64), nn.ReLU(), nn.Linear(64, 2)).to(device)
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.2]))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(50):
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
