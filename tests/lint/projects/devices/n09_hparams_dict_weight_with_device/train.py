# Correct counterpart of p10: the class weight in the hyperparameter dict is made with
# device=, so the loss built through ** gets a weight on the GPU (HazyResearch/metal pull
# request #97 passes class weights from the config to the loss).
import torch

from losses import get_loss
from model import TextCNN

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
hparams = {
    "lr": 1e-3,
    "epochs": 10,
    "loss": {"name": "ce", "weight": torch.tensor([0.5, 1.0, 3.0], device=device)},
}

model = TextCNN(vocab_size=30000, num_classes=3).to(device)
criterion = get_loss(**hparams["loss"])
optimizer = torch.optim.Adam(model.parameters(), lr=hparams["lr"])
for epoch in range(hparams["epochs"]):
    for tokens, labels in torch.load("sst3_loader.pt"):
        tokens, labels = tokens.to(device), labels.to(device)
        loss = criterion(model(tokens), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
