# Reproduces AnubhavGupta3377/Text-Classification-Models-Pytorch, Model_Transformer/model.py and
# train.py: the classifier's forward ends in self.softmax and nn.NLLLoss is attached as the loss
# op (reported in https://github.com/AnubhavGupta3377/Text-Classification-Models-Pytorch/issues/9).
import sys

import torch
from torch import nn, optim

from data import load_ag_news
from model import TextEncoderClassifier
from trainer import Trainer


class Config:
    lr = 3e-4
    max_epochs = 35
    batch_size = 128


if __name__ == "__main__":
    config = Config()
    train_file = sys.argv[1] if len(sys.argv) > 1 else "../data/ag_news.train"
    train_iter, val_iter, vocab = load_ag_news(train_file, config.batch_size)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TextEncoderClassifier(len(vocab)).to(device)
    optimizer = optim.Adam(model.parameters(), lr=config.lr)
    trainer = Trainer(model, nn.NLLLoss(), optimizer, device, config.max_epochs)

    for epoch in range(config.max_epochs):
        trainer.run_epoch(train_iter, epoch)
        print(f"epoch {epoch}: val accuracy {trainer.evaluate(val_iter):.4f}")
