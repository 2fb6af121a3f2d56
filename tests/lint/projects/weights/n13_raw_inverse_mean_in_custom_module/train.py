# Correct counterpart of p16 and p20: raw inverse counts through a custom loss module, but
# with reduction='mean', where PyTorch divides by the sum of the targets' weights and the
# weights' scale cancels. Learned from kkorolev1/as_dla (CrossEntropyLossWrapper(weight)).
import torch
from torch import nn

from losses import InverseFrequencyCE

NUM_TAGS = 17
tag_counts = torch.bincount(torch.load("pos_tags.pt"), minlength=NUM_TAGS).float()
criterion = InverseFrequencyCE(1.0 / tag_counts.clamp(min=1.0), ignore_index=-100)
tagger = nn.LSTM(300, 128, batch_first=True)
proj = nn.Linear(128, NUM_TAGS)
optimizer = torch.optim.Adam(list(tagger.parameters()) + list(proj.parameters()), lr=1e-3)
for embeddings, tags in torch.load("pos_batches.pt"):
    hidden, _ = tagger(embeddings)
    loss = criterion(proj(hidden).transpose(1, 2), tags)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
