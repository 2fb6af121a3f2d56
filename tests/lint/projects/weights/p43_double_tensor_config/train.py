# Config weights turned into a torch.DoubleTensor: float64, while the model is float32.
# Learned from the "expected scalar type Float but found Double" reports (deepset-ai/FARM
# issue #758, sebsk/CS224N-Project pull request #2) and a get_class_weights() in public
# code returning torch.FloatTensor(weights), here written with the Double constructor.
import torch
from torch import nn

from config import Config

model = nn.Sequential(nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, Config.num_classes))
class_weights = torch.DoubleTensor(Config.class_weights)
criterion = nn.CrossEntropyLoss(weight=class_weights)  # expect: WCE204
optimizer = torch.optim.Adam(model.parameters(), lr=Config.lr)
for epoch in range(Config.epochs):
    for vectors, label in torch.load("news_loader.pt"):
        loss = criterion(model(vectors), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
