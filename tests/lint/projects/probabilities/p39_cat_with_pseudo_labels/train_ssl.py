# Pseudo-labelling on CIFAR-10: the confident unlabelled predictions are concatenated with the
# labelled ones (torch.cat of two softmax outputs, one of them masked) and the whole batch goes
# to nn.CrossEntropyLoss.
import itertools

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from net import Classifier

THRESHOLD = 0.95
device = "cuda" if torch.cuda.is_available() else "cpu"


def train(labelled, unlabelled, steps=100_000, lr=0.03):
    lab_loader = itertools.cycle(DataLoader(labelled, batch_size=64, shuffle=True, drop_last=True))
    unl_loader = itertools.cycle(
        DataLoader(unlabelled, batch_size=448, shuffle=True, drop_last=True)
    )
    model = Classifier().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(
        model.parameters(), lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4
    )

    model.train()
    for step in range(steps):
        x_lab, y_lab = next(lab_loader)
        x_unl, _ = next(unl_loader)
        x_lab, y_lab, x_unl = x_lab.to(device), y_lab.to(device), x_unl.to(device)

        p_lab = model(x_lab)
        p_unl = model(x_unl)
        confidence, pseudo = p_unl.detach().max(dim=1)
        keep = confidence >= THRESHOLD

        probs = torch.cat([p_lab, p_unl[keep]], dim=0)
        targets = torch.cat([y_lab, pseudo[keep]], dim=0)
        loss = criterion(probs, targets)  # expect: WCE101

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 500 == 0:
            print(f"step {step}: loss {loss.item():.4f}, kept {keep.float().mean().item():.2%}")
    return model


if __name__ == "__main__":
    labelled_set, unlabelled_set = torch.load("data/cifar10_4000_labels.pt")
    trained = train(labelled_set, unlabelled_set)
    torch.save(trained.state_dict(), "pseudo_label_wrn.pt")
