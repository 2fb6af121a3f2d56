# Correct counterpart of clvrai/ACGAN-PyTorch (pull request #4): the auxiliary classifier returns
# LogSoftmax output for nn.NLLLoss, the real/fake head logits for BCEWithLogitsLoss.
import torch
from torch import nn

from network import Discriminator


def discriminator_step(net_d, net_g, real, label, noise, optimizer):
    dis_criterion = nn.BCEWithLogitsLoss()
    aux_criterion = nn.NLLLoss()
    net_d.zero_grad()
    dis_output, aux_output = net_d(real)
    err_real = dis_criterion(dis_output, torch.ones_like(dis_output)) + aux_criterion(
        aux_output, label
    )
    fake = net_g(noise).detach()
    dis_fake, aux_fake = net_d(fake)
    err_fake = dis_criterion(dis_fake, torch.zeros_like(dis_fake))
    (err_real + err_fake).backward()
    optimizer.step()
    accuracy = (aux_output.argmax(1) == label).float().mean().item()
    return err_real.item() + err_fake.item(), accuracy


def confident_fakes(net_d, fakes, threshold=0.9):
    with torch.no_grad():
        probs = net_d.class_probabilities(fakes)
    return fakes[probs.max(dim=1).values > threshold]


if __name__ == "__main__":
    net_d = Discriminator()
    net_g = torch.load("generator.pt")
    opt = torch.optim.Adam(net_d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for real, label in torch.load("cifar10_loader.pt"):
        print(discriminator_step(net_d, net_g, real, label, torch.randn(real.size(0), 110), opt))
