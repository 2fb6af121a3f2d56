# PGD adversarial training on CIFAR-10: clean and adversarial logits are concatenated with
# torch.cat for one F.cross_entropy; at test time the softmax of the plain and the flipped image
# are stacked and averaged (test-time augmentation) for accuracy only.
import torch
import torch.nn.functional as F

from preact import PreActNet

EPS, ALPHA, STEPS = 8 / 255, 2 / 255, 7


def pgd(model, x, y):
    delta = torch.empty_like(x).uniform_(-EPS, EPS).requires_grad_(True)
    for _ in range(STEPS):
        loss = F.cross_entropy(model(x + delta), y)
        (grad,) = torch.autograd.grad(loss, delta)
        delta = (delta + ALPHA * grad.sign()).clamp(-EPS, EPS).detach().requires_grad_(True)
    return (x + delta).clamp(0, 1).detach()


def run(train_loader, test_loader, epochs=100, device="cuda"):
    model = PreActNet().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            x_adv = pgd(model, x, y)
            logits = torch.cat([model(x), model(x_adv)], dim=0)
            loss = F.cross_entropy(logits, torch.cat([y, y], dim=0))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        model.eval()
        hits = seen = 0
        with torch.no_grad():
            for x, y in test_loader:
                x, y = x.to(device), y.to(device)
                probs = torch.stack(
                    [model(x).softmax(dim=1), model(x.flip(3)).softmax(dim=1)]
                ).mean(dim=0)
                hits += (probs.argmax(dim=1) == y).sum().item()
                seen += y.numel()
        print(f"epoch {epoch}: loss {loss.item():.3f} clean TTA accuracy {hits / seen:.4f}")
    return model


if __name__ == "__main__":
    loaders = torch.load("data/cifar10_loaders.pt")
    run(*loaders)
