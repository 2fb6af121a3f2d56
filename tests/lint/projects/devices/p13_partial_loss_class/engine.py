import torch

from config import NUM_CLASSES, criterion_factory
from model import LCNN


def train(loader, epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LCNN(num_classes=NUM_CLASSES).to(device)
    criterion = criterion_factory()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for epoch in range(epochs):
        for spectrogram, label in loader:
            spectrogram, label = spectrogram.to(device), label.to(device)
            loss = criterion(model(spectrogram), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
