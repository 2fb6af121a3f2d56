# A literal weight for two classes left from the binary version of the task while the model
# now predicts three: "weight tensor should be defined either for all 3 classes or no classes
# but got weight tensor of shape: [2]". Learned from ispamm/MHyEEG issue #3.
import torch
from torch import nn

from model import EmotionNet

model = EmotionNet()
criterion = nn.CrossEntropyLoss(weight=torch.tensor([0.42, 0.58]))  # expect: WCE206
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for eeg, eye, arousal in torch.load("mahnob_loader.pt"):
    loss = criterion(model(eeg, eye), arousal)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
