# Raw inverse counts given to a custom loss module, which sums and divides by the number of
# valid tokens: a hand-written mean over N, so the weights' scale (1 / count) stays in the
# loss. Learned from a CrossEntropyLossWrapper(weight) in public code (kkorolev1/as_dla,
# hw_as/loss/__init__.py) and libuyu/GHM_Detection issue #19.
import torch
from torch import nn

from losses import InverseFrequencyCE

NUM_TAGS = 17
tag_counts = torch.bincount(torch.load("pos_tags.pt"), minlength=NUM_TAGS).float()
criterion = InverseFrequencyCE(1.0 / tag_counts.clamp(min=1.0), ignore_index=-100)  # expect: WCE203
tagger = nn.LSTM(300, 128, batch_first=True)
proj = nn.Linear(128, NUM_TAGS)
optimizer = torch.optim.Adam(list(tagger.parameters()) + list(proj.parameters()), lr=1e-3)
for embeddings, tags in torch.load("pos_batches.pt"):
    hidden, _ = tagger(embeddings)
    loss = criterion(proj(hidden).transpose(1, 2), tags)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
