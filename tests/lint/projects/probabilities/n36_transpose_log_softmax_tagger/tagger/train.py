# The tagger returns log_softmax over tags (B, T, C); the scores are transposed to (B, C, T) for
# F.nll_loss, and .exp() of them gives the per-token confidence used to flag low-confidence
# sentences.
import torch
import torch.nn.functional as F

from .model import BiGRUTagger

PAD = -100


def fit(batches, vocab_size, n_tags, epochs=10):
    tagger = BiGRUTagger(vocab_size, n_tags)
    optimizer = torch.optim.Adam(tagger.parameters(), lr=2e-3)
    for epoch in range(epochs):
        tagger.train()
        total = 0.0
        for tokens, tags in batches:
            log_probs = tagger(tokens)
            loss = F.nll_loss(log_probs.transpose(1, 2), tags, ignore_index=PAD)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: nll {total / len(batches):.4f}")
    return tagger


@torch.no_grad()
def low_confidence(tagger, batches, threshold=0.6):
    tagger.eval()
    flagged = []
    for tokens, tags in batches:
        confidence = tagger(tokens).exp().max(dim=-1).values
        confidence = confidence.masked_fill(tags == PAD, 1.0)
        flagged.extend((confidence.min(dim=1).values < threshold).tolist())
    return flagged
