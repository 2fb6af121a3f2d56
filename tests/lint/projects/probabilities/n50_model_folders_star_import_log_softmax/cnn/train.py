import torch
from torch import nn, optim

from model import *
from utils import batches_of

if __name__ == "__main__":
    model = TextCNN(vocab_size=5000, embed_size=128, num_classes=4)
    if torch.cuda.is_available():
        model.cuda()
    model.train()
    model.add_optimizer(optim.Adam(model.parameters(), lr=1e-3))
    model.add_loss_op(nn.NLLLoss())
    for epoch in range(10):
        print(epoch, model.run_epoch(batches_of("train.csv")))
