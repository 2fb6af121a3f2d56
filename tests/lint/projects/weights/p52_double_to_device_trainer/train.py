# Weights from the experiment settings turned into a tensor with .double() before .to(device)
# inside a Trainer, while the model stays float32: F.cross_entropy rejects a float64 weight
# for float32 logits. Learned from sebsk/CS224N-Project pull request #2 and deepset-ai/FARM
# issue #758 ("expected scalar type Float but found Double" from the class weights).
import torch
from torch import nn

from trainer import Trainer

SETTINGS = {"class_weights": [1.0, 4.2, 2.7], "lr": 5e-4, "epochs": 15}

model = nn.Sequential(nn.Linear(52, 128), nn.ReLU(), nn.Linear(128, 3))
trainer = Trainer(model, SETTINGS["class_weights"], lr=SETTINGS["lr"])
trainer.fit(torch.load("triage_loader.pt"), epochs=SETTINGS["epochs"])
