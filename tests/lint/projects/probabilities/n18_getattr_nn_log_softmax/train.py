import torch
from torch import nn
from torchvision import datasets, transforms

from clsnet import build_classifier


def train(model, loader, epochs=15, lr=0.01):
    criterion = nn.NLLLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            log_probs = model(images)
            loss = criterion(log_probs, labels)
            loss.backward()
            optimizer.step()
        confidence = log_probs.detach().exp().max(dim=1).values.mean()
        print(f"epoch {epoch}: loss {loss.item():.4f} mean confidence {confidence:.3f}")


if __name__ == "__main__":
    tf = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
    data = datasets.ImageFolder("intel_scenes/train", transform=tf)
    loader = torch.utils.data.DataLoader(data, batch_size=64, shuffle=True, num_workers=4)
    train(build_classifier({"num_classes": len(data.classes)}), loader)
