# The number of stages taken as len(np.unique(all_ys)) and the counts as
# [all_ys.count(i) for i in range(num_classes)]: in a cohort of daytime naps nobody reaches
# N3, so there are 4 distinct stages, the counts cover stages 0-3 (N3 with a zero, clamped)
# and REM (4) is dropped: a weight of 4 for a 5-stage model. Learned from
# emadeldeen24/AttnSleep (data_loader/data_loaders.py, data_generator_np), written anew.
import glob

import torch
from torch import nn
from torch.utils.data import DataLoader

from data import class_weight, load_epochs, stage_counts
from model import SleepNet

N_STAGES = 5  # W, N1, N2, N3, REM
files = sorted(glob.glob("nap_study/*.npz"))
train_set, train_y = load_epochs(files[:-4])
test_set, test_y = load_epochs(files[-4:])
weights = class_weight(stage_counts(train_y, test_y))

model = SleepNet(N_STAGES)
criterion = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))  # expect: WCE206
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-3)
for epoch in range(40):
    for eeg, stage in DataLoader(train_set, batch_size=128, shuffle=True):
        loss = criterion(model(eeg), stage)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
