import torch
from torch import nn
from torchvision import datasets, transforms

from clsnet import build_classifier


def train(model, loader, epochs=15, lr=0.01):
    criterion = nn.CrossEntropyLoss(label_smoothing=0.05)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            output = model(images)
            loss = criterion(output, labels)  # expect: WCE101
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    tf = transforms.Compose([transforms.Resize((64, 64)), transforms.ToTensor()])
    data = datasets.ImageFolder("intel_scenes/train", transform=tf)
    loader = torch.utils.data.DataLoader(data, batch_size=64, shuffle=True, num_workers=4)
    train(build_classifier({"num_classes": len(data.classes)}), loader)
