# The layout of p50 (AnubhavGupta3377/Text-Classification-Models-Pytorch) written right: the
# model ends in log_softmax, which is what the NLLLoss its setter is given expects.
import torch
import torch.nn as nn


class TextCNN(nn.Module):
    def __init__(self, vocab_size, embed_size, num_classes):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embed_size)
        self.conv = nn.Conv1d(embed_size, 100, kernel_size=3)
        self.fc = nn.Linear(100, num_classes)
        self.softmax = nn.LogSoftmax(dim=1)

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
            loss = self.loss_op(y_pred, y)
            loss.backward()
            self.optimizer.step()
            losses.append(loss.item())
        return sum(losses) / max(len(losses), 1)
