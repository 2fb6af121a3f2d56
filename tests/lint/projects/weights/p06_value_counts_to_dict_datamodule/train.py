# Tag weights total / count from pandas value_counts().to_dict(), iterated over the keys
# present: a tag missing from the CSV disappears from the weight. Learned from
# imranulashrafi/banner issue #2 ("weight tensor should be defined either for all 6 classes
# ... got weight tensor of shape [10]"; the maintainer suggests df['iob_tags'].value_counts()).
import torch
from torch import nn

from data import TagData

NUM_TAGS = 9

data = TagData("ner_train.csv")
tagger = nn.Sequential(nn.Embedding(30000, 128), nn.Linear(128, NUM_TAGS))
criterion = nn.CrossEntropyLoss(weight=data.class_weights())
optimizer = torch.optim.AdamW(tagger.parameters(), lr=3e-4)
for tokens, tags in torch.load("ner_batches.pt"):
    logits = tagger(tokens)
    loss = criterion(logits.view(-1, NUM_TAGS), tags.view(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
