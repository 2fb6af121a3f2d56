import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, random_split
from torchvision import transforms
from torchvision.datasets import MNIST

from mnist_module import LightningMNISTClassifier

if __name__ == "__main__":
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train, val = random_split(MNIST("data", train=True, download=True, transform=tf), [55000, 5000])
    test = MNIST("data", train=False, transform=tf)
    model = LightningMNISTClassifier()
    trainer = pl.Trainer(max_epochs=3)
    trainer.fit(
        model, DataLoader(train, batch_size=64, shuffle=True), DataLoader(val, batch_size=64)
    )
    confidences = trainer.predict(model, DataLoader(test, batch_size=256))
    torch.save(confidences, "mnist_test_predictions.pt")
