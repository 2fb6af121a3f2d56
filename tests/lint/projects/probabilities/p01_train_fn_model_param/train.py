# Reproduces the training script of musikalkemist/pytorchforaudio
# ("09 Training urban sound classifier/cnn.py" and "train.py"): the CNN ends in nn.Softmax and
# the model and nn.CrossEntropyLoss are handed to train() as parameters
# (see https://github.com/musikalkemist/pytorchforaudio/issues/9, "Loss stays same").
import torch
from torch import nn
from torch.utils.data import DataLoader

from cnn import AudioCNN
from dataset import MelDataset

BATCH_SIZE = 128
EPOCHS = 10
LEARNING_RATE = 1e-3


def train_single_epoch(model, data_loader, loss_fn, optimiser, device):
    running = 0.0
    for inputs, target in data_loader:
        inputs, target = inputs.to(device), target.to(device)

        prediction = model(inputs)
        loss = loss_fn(prediction, target)  # expect: WCE101

        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        running += loss.item()
    return running / max(len(data_loader), 1)


def train(model, data_loader, loss_fn, optimiser, device, epochs):
    for epoch in range(epochs):
        avg = train_single_epoch(model, data_loader, loss_fn, optimiser, device)
        print(f"epoch {epoch + 1}: loss {avg:.4f}")
    print("finished training")


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dataset = MelDataset("annotations.csv", "audio/", device=device)
    loader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=True)

    cnn = AudioCNN().to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimiser = torch.optim.Adam(cnn.parameters(), lr=LEARNING_RATE)

    train(cnn, loader, loss_fn, optimiser, device, EPOCHS)
    torch.save(cnn.state_dict(), "audio_cnn.pth")
