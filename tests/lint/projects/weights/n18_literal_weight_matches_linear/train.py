# Correct counterpart of p27: one literal weight for each of the three classes of the
# model's last nn.Linear. Learned from ispamm/MHyEEG issue #3 (weights sized for the
# training distribution of the current task).
import torch
from torch import nn

from model import EmotionNet

model = EmotionNet()
criterion = nn.CrossEntropyLoss(weight=torch.tensor([0.8, 1.0, 1.4]))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for eeg, eye, arousal in torch.load("mahnob_loader.pt"):
    loss = criterion(model(eeg, eye), arousal)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
