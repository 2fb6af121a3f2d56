import torch
from torch import nn

classifier = nn.Sequential(nn.Flatten(), nn.Linear(784, 10), nn.Softmax(dim=1))
criterion = nn.NLLLoss()
for batch, target in loader:
    loss = criterion(classifier(batch), target)  # expect: WCE103
