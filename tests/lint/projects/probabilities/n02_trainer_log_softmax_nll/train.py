import torch
from torch import nn, optim

from model import TextCNN
from trainer import Trainer

if __name__ == "__main__":
    train_iter, val_iter, vocab = torch.load("ag_news_iters.pt")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TextCNN(len(vocab)).to(device)
    trainer = Trainer(model, nn.NLLLoss(), optim.Adam(model.parameters(), lr=1e-3), device)
    for epoch in range(10):
        print(epoch, trainer.run_epoch(train_iter))
    sample, _ = next(iter(val_iter))
    print(trainer.predict_proba(sample)[:4])
