import torch
import torch.nn.functional as F
from torchvision import datasets, transforms

from serving import Net


def train(model, device, train_loader, optimizer, epoch, log_interval=10):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.cross_entropy(output, target)  # expect: WCE101
        loss.backward()
        optimizer.step()
        if batch_idx % log_interval == 0:
            print(
                f"epoch {epoch} [{batch_idx * len(data)}/{len(train_loader.dataset)}] loss {loss.item():.6f}"
            )


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    loader = torch.utils.data.DataLoader(
        datasets.MNIST("../data", train=True, download=True, transform=tf),
        batch_size=64,
        shuffle=True,
    )
    model = Net().to(device)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
    for epoch in range(1, 15):
        train(model, device, loader, optimizer, epoch)
    torch.save(model.state_dict(), "mnist_cnn.pt")
