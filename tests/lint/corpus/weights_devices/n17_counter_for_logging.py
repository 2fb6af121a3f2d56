from collections import Counter

import torch
from torch import nn

print("label distribution:", Counter(train_labels).most_common())
print(df["label"].value_counts())
weights = torch.tensor([1.0, 2.0, 2.0])
criterion = nn.CrossEntropyLoss(weight=weights)
