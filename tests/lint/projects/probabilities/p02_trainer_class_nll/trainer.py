import numpy as np
import torch


class Trainer:
    def __init__(self, model, criterion, optimizer, device, max_epochs):
        self.model = model
        self.criterion = criterion
        self.optimizer = optimizer
        self.device = device
        self.max_epochs = max_epochs

    def reduce_lr(self):
        for group in self.optimizer.param_groups:
            group["lr"] = group["lr"] / 2

    def run_epoch(self, train_iterator, epoch):
        if epoch in (self.max_epochs // 3, 2 * self.max_epochs // 3):
            self.reduce_lr()
        self.model.train()
        losses = []
        for i, (x, y) in enumerate(train_iterator):
            x, y = x.to(self.device), (y - 1).long().to(self.device)
            self.optimizer.zero_grad()
            y_pred = self.model(x)
            loss = self.criterion(y_pred, y)  # expect: WCE103
            loss.backward()
            self.optimizer.step()
            losses.append(loss.item())
            if i % 100 == 0:
                print(f"iter {i + 1}: average training loss {np.mean(losses):.5f}")
                losses = []

    @torch.no_grad()
    def evaluate(self, iterator):
        self.model.eval()
        correct = total = 0
        for x, y in iterator:
            pred = self.model(x.to(self.device)).argmax(dim=1).cpu()
            correct += (pred == (y - 1)).sum().item()
            total += y.numel()
        return correct / max(total, 1)
