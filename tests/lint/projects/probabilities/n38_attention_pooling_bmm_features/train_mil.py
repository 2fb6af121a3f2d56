# Whole-slide classification after AMLab-Amsterdam/AttentionDeepMIL (model.py): softmax
# attention weights pool the patch embeddings with torch.bmm; the pooled *features* go through
# a linear classifier, so F.cross_entropy gets logits. The attention map is kept for heatmaps.
import torch
import torch.nn.functional as F

from mil import AttentionMIL


def main(epochs=40):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_loader, val_loader = torch.load("data/camelyon_feature_bags.pt")
    model = AttentionMIL().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4, weight_decay=1e-5)
    for epoch in range(epochs):
        model.train()
        for bags, mask, labels in train_loader:
            bags, mask, labels = bags.to(device), mask.to(device), labels.to(device)
            logits, attention = model(bags, mask)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        model.eval()
        correct = seen = 0
        heatmaps = []
        with torch.no_grad():
            for bags, mask, labels in val_loader:
                logits, attention = model(bags.to(device), mask.to(device))
                correct += (logits.argmax(1).cpu() == labels).sum().item()
                seen += labels.numel()
                heatmaps.append(attention.cpu())
        torch.save(heatmaps, f"heatmaps/epoch_{epoch:03d}.pt")
        print(f"epoch {epoch}: val accuracy {correct / seen:.3f}")


if __name__ == "__main__":
    main()
