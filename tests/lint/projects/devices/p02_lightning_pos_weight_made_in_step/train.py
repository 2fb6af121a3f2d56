import lightning as L
import torch

from model import ToxicTagger

if __name__ == "__main__":
    loaders = torch.load("jigsaw_loaders.pt")
    trainer = L.Trainer(accelerator="cuda", devices=2, strategy="ddp", max_epochs=3)
    trainer.fit(ToxicTagger(), loaders["train"], loaders["val"])
