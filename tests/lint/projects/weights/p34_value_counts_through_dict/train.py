# Language-ID weights from dict(series.value_counts()), iterated over its sorted keys: a
# language missing from this crawl has no key, the weight is one short and every following
# language takes its neighbour's weight. Learned from imranulashrafi/banner issue #2
# (weights from df[...].value_counts() for a model with more classes).
import pandas as pd
import torch
from torch import nn

from model import CharCNN

LANGS = ["de", "en", "es", "fr", "it", "nl", "pl", "pt"]
df = pd.read_parquet("langid_train.parquet")
counts = dict(df["lang_id"].value_counts())  # expect: WCE201
total = sum(counts.values())
weights = torch.tensor([total / counts[k] for k in sorted(counts)], dtype=torch.float32)

model = CharCNN(n_langs=len(LANGS))
criterion = nn.CrossEntropyLoss(weight=weights / weights.mean())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for chars, lang in torch.load("langid_loader.pt"):
    loss = criterion(model(chars), lang)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
