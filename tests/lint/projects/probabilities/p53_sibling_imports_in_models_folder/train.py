import torch

from models.network import Network

net = Network()
optimizer = torch.optim.Adam(net.parameters())
for images, labels in torch.load("episodes.pt"):
    _, loss = net(images, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
