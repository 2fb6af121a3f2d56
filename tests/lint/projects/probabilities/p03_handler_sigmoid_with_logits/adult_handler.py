# Reproduces the tabular handler of aidotse/LeakPro (examples, Adult input handler with
# BCEWithLogitsLoss) where the Adult model already ends in a sigmoid
# (https://github.com/aidotse/LeakPro/issues/229, "Redundant Sigmoid in adult_handler").
import torch
from torch import nn, optim
from tqdm import tqdm


class AdultInputHandler:
    """Trains and evaluates whatever model the attack framework hands in."""

    def __init__(self, configs):
        self.configs = configs

    def get_criterion(self):
        return nn.BCEWithLogitsLoss()

    def get_optimizer(self, model):
        return optim.SGD(model.parameters(), lr=0.1, momentum=0.8)

    def train(self, dataloader, model, epochs, device="cpu"):
        model.to(device)
        criterion = self.get_criterion()
        optimizer = self.get_optimizer(model)
        history = []
        for _ in tqdm(range(epochs), desc="Training"):
            model.train()
            train_acc, train_loss = 0.0, 0.0
            for data, target in dataloader:
                target = target.float().unsqueeze(1)
                data, target = data.to(device), target.to(device)
                optimizer.zero_grad()
                output = model(data)
                loss = criterion(output, target)  # expect: WCE104
                pred = output >= 0.5
                train_acc += pred.eq(target).sum().item()
                loss.backward()
                optimizer.step()
                train_loss += loss.item()
            history.append(
                {"acc": train_acc / len(dataloader.dataset), "loss": train_loss / len(dataloader)}
            )
        return model, history
