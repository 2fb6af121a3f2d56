import torch.nn as nn

criterion = nn.CrossEntropyLoss(weight=[0.1, 0.9])  # expect: WCE205
