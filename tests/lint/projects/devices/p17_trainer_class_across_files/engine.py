import torch
from torch import nn


class Trainer:
    def __init__(self, model, class_weights=None, device="cuda", lr=1e-3):
        self.device = device
        self.model = model.to(device)
        self.criterion = nn.CrossEntropyLoss(weight=class_weights)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def fit(self, loader, epochs):
        for epoch in range(epochs):
            for graphs, labels in loader:
                graphs, labels = graphs.to(self.device), labels.to(self.device)
                loss = self.criterion(self.model(graphs), labels)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
