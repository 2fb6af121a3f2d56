import torch

from tagger.train import fit, low_confidence

if __name__ == "__main__":
    train_batches, dev_batches, vocab, tags = torch.load("data/ud_en_ewt_batches.pt")
    model = fit(train_batches, len(vocab), len(tags))
    flags = low_confidence(model, dev_batches)
    print(f"{sum(flags)} of {len(flags)} dev sentences need review")
