# Reproduces AnubhavGupta3377/Text-Classification-Models-Pytorch (Model_*/model.py and
# train.py, https://github.com/AnubhavGupta3377/Text-Classification-Models-Pytorch/issues/9):
# one folder per model, each with its own model.py imported by `from model import *`; the
# model ends in softmax, the loss is handed to it by a setter, and its own run_epoch calls it.
import torch
import torch.nn as nn


class TextCNN(nn.Module):
    def __init__(self, vocab_size, embed_size, num_classes):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embed_size)
        self.conv = nn.Conv1d(embed_size, 100, kernel_size=3)
        self.fc = nn.Linear(100, num_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        embedded = self.embeddings(x).permute(0, 2, 1)
        features = torch.relu(self.conv(embedded)).max(dim=2).values
        return self.softmax(self.fc(features))

    def add_optimizer(self, optimizer):
        self.optimizer = optimizer

    def add_loss_op(self, loss_op):
        self.loss_op = loss_op

    def run_epoch(self, batches):
        losses = []
        for x, y in batches:
            self.optimizer.zero_grad()
            y_pred = self.__call__(x)
            loss = self.loss_op(y_pred, y)  # expect: WCE103
            loss.backward()
            self.optimizer.step()
            losses.append(loss.item())
        return sum(losses) / max(len(losses), 1)
