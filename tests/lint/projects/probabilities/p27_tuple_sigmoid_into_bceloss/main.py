# Reproduces the discriminator loss of clvrai/ACGAN-PyTorch, network.py and main.py: the
# real/fake output is self.sigmoid(fc_dis) and dis_criterion = nn.BCELoss(); the auxiliary head
# here already uses LogSoftmax with NLLLoss (the fix proposed in pull request #4).
import torch
from torch import nn

from network import Discriminator


def discriminator_step(net_d, net_g, real, label, nz, optimizer, real_label=1.0, fake_label=0.0):
    dis_criterion = nn.BCELoss()
    aux_criterion = nn.NLLLoss()
    n = real.size(0)
    noise = torch.randn(n, nz, device=real.device)
    fake = net_g(noise).detach()
    net_d.zero_grad()
    dis_output, aux_output = net_d(torch.cat([real, fake]))
    target = torch.cat([torch.full((n,), real_label), torch.full((n,), fake_label)]).to(real.device)
    err_dis = dis_criterion(dis_output, target)  # expect: WCE105
    err_aux = aux_criterion(aux_output[:n], label)
    (err_dis + err_aux).backward()
    optimizer.step()
    accuracy = (aux_output[:n].argmax(1) == label).float().mean().item()
    return err_dis.item(), err_aux.item(), accuracy


if __name__ == "__main__":
    net_d, net_g = Discriminator(), torch.load("generator.pt")
    optimizer = torch.optim.Adam(net_d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for real, label in torch.load("cifar10_loader.pt"):
        print(discriminator_step(net_d, net_g, real, label, 110, optimizer))
