# A dict of hyperparameters carries the class weight tensor to the loss through **: the weight
# was made on the CPU and nothing moves it, while the model goes to the GPU. Learned from
# HazyResearch/metal pull request #97 ("Allows passing through class weights to loss function
# from config").
import torch

from losses import get_loss
from model import TextCNN

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
hparams = {
    "lr": 1e-3,
    "epochs": 10,
    "loss": {"name": "ce", "weight": torch.tensor([0.5, 1.0, 3.0]), "ignore_index": -1},
}

model = TextCNN(vocab_size=30000, num_classes=3).to(device)
criterion = get_loss(**hparams["loss"])  # expect: WCE301
optimizer = torch.optim.Adam(model.parameters(), lr=hparams["lr"])
for epoch in range(hparams["epochs"]):
    for tokens, labels in torch.load("sst3_loader.pt"):
        tokens, labels = tokens.to(device), labels.to(device)
        loss = criterion(model(tokens), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
