from collections import Counter

import torch
from torch import nn

counts = Counter(train_labels)  # expect: WCE201
weights = torch.tensor([len(train_labels) / n for _, n in sorted(counts.items())])
criterion = nn.CrossEntropyLoss(weight=weights)
