# Correct look-alike of p12: one minus a share, divided into, but the share is per sequence
# (masked tokens over its length, a count along the last axis), not per class, and the
# weights of the loss are uniform. Learned from the token-dropout rescaling of an ESM-style
# protein language model embedding (transformers' modeling_esm), written anew.
import torch
import torch.nn.functional as F

from model import Tagger

model = Tagger(vocab=33, dim=64, n_tags=3, mask_id=32)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for ids, mask, tags in torch.load("protein_batches.pt"):
    logits = model(ids, mask)
    loss = F.cross_entropy(logits.transpose(1, 2), tags, weight=torch.ones(3))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
