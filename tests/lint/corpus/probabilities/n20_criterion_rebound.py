import torch.nn.functional as F
from torch import nn

criterion = nn.CrossEntropyLoss()
criterion = nn.KLDivLoss(reduction="batchmean")
probs = F.softmax(teacher(x), dim=1)
loss = criterion(F.log_softmax(student(x), dim=1), probs)
