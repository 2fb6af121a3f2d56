# Validation of a model whose forward ends in log_softmax: the model is rebound by
# `model = model.eval()` and called as model.forward(x); F.nll_loss gets log-probabilities and
# .exp() gives the probabilities for the calibration error.
import argparse

import torch
import torch.nn.functional as F

from models import CharCNN


def expected_calibration_error(probs, labels, n_bins=15):
    confidence, pred = probs.max(dim=1)
    edges = torch.linspace(0, 1, n_bins + 1)
    ece = torch.zeros(())
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > lo) & (confidence <= hi)
        if in_bin.any():
            gap = confidence[in_bin].mean() - (pred[in_bin] == labels[in_bin]).float().mean()
            ece += in_bin.float().mean() * gap.abs()
    return ece.item()


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="charcnn_ag_news.pt")
    parser.add_argument("--data", default="data/ag_news_test_onehot.pt")
    args = parser.parse_args()

    model = CharCNN()
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model = model.eval()
    inputs, labels = torch.load(args.data)
    total_loss, all_probs = 0.0, []
    for start in range(0, len(labels), 256):
        x, y = inputs[start : start + 256], labels[start : start + 256]
        log_probs = model.forward(x)
        total_loss += F.nll_loss(log_probs, y, reduction="sum").item()
        all_probs.append(log_probs.exp())
    probs = torch.cat(all_probs)
    print(
        f"nll {total_loss / len(labels):.4f}  accuracy "
        f"{(probs.argmax(1) == labels).float().mean():.4f}  "
        f"ECE {expected_calibration_error(probs, labels):.4f}"
    )


if __name__ == "__main__":
    main()
