# Correct counterpart of musikalkemist/pytorchforaudio ("09 Training urban sound classifier"):
# the CNN returns logits for nn.CrossEntropyLoss; softmax only in predict_proba for inference.
import torch
from torch import nn
from torch.utils.data import DataLoader

from cnn import AudioCNN
from inference import predict

CLASS_MAPPING = [
    "air_conditioner",
    "car_horn",
    "children_playing",
    "dog_bark",
    "drilling",
    "engine_idling",
    "gun_shot",
    "jackhammer",
    "siren",
    "street_music",
]


def train_single_epoch(model, data_loader, loss_fn, optimiser, device):
    for inputs, target in data_loader:
        inputs, target = inputs.to(device), target.to(device)
        prediction = model(inputs)
        loss = loss_fn(prediction, target)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return loss.item()


def train(model, data_loader, loss_fn, optimiser, device, epochs):
    for epoch in range(epochs):
        print(
            f"epoch {epoch + 1}: {train_single_epoch(model, data_loader, loss_fn, optimiser, device):.4f}"
        )


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dataset = torch.load("urbansound_mels.pt")
    loader = DataLoader(dataset, batch_size=128, shuffle=True)
    cnn = AudioCNN().to(device)
    train(
        cnn, loader, nn.CrossEntropyLoss(), torch.optim.Adam(cnn.parameters(), lr=1e-3), device, 10
    )
    mel, label = dataset[0]
    print(predict(cnn, mel.unsqueeze(0).to(device), label, CLASS_MAPPING))
