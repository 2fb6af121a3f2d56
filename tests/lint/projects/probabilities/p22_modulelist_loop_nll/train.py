import torch
from torch import nn
from torch.utils.data import DataLoader, WeightedRandomSampler

from data import load_mitbih
from net import ECGNet


def fit(model, loader, optimizer, epochs, device):
    criterion = nn.NLLLoss()
    for epoch in range(epochs):
        model.train()
        total, n = 0.0, 0
        for beats, labels in loader:
            beats, labels = beats.to(device), labels.to(device)
            optimizer.zero_grad()
            out = model(beats)
            loss = criterion(out, labels)  # expect: WCE103
            loss.backward()
            optimizer.step()
            total += loss.item() * len(labels)
            n += len(labels)
        print(f"epoch {epoch}: {total / n:.4f}")


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dataset, sample_weights = load_mitbih("mitbih_train.csv")
    sampler = WeightedRandomSampler(sample_weights, num_samples=len(dataset))
    loader = DataLoader(dataset, batch_size=256, sampler=sampler)
    model = ECGNet().to(device)
    fit(model, loader, torch.optim.Adam(model.parameters(), lr=1e-3), epochs=25, device=device)
