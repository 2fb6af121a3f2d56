import torch
from torch import nn

from engine import evaluate, train
from models import CalibratedEnsemble, SpeechCommandNet


def main(n_members=3, epochs=20):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_loader, test_loader = torch.load("speech_commands_loaders.pt")
    members = []
    for seed in range(n_members):
        torch.manual_seed(seed)
        model = SpeechCommandNet().to(device)
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
        for _ in range(epochs):
            train(model, train_loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer, device)
        print(f"member {seed}: {evaluate(model, test_loader, device):.4f}")
        members.append(model)
    ensemble = CalibratedEnsemble(members).to(device)
    print(f"ensemble: {evaluate(ensemble, test_loader, device):.4f}")


if __name__ == "__main__":
    main()
