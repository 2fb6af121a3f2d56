# Reproduces clvrai/ACGAN-PyTorch, network.py and main.py: the discriminator returns a
# (real/fake, classes) tuple, the classes through nn.Softmax, and the auxiliary loss is nn.NLLLoss
# (https://github.com/clvrai/ACGAN-PyTorch/pull/4, "Change Softmax to LogSoftmax to use NLLLoss").
# Here the real/fake head returns logits for BCEWithLogitsLoss, which is right.
import argparse

import torch
from torch import nn, optim
from torchvision import datasets, transforms

from network import Discriminator, Generator
from utils import compute_acc, noise_with_labels


def train(opt):
    tf = transforms.Compose(
        [transforms.Resize(32), transforms.ToTensor(), transforms.Normalize([0.5] * 3, [0.5] * 3)]
    )
    data = datasets.CIFAR10(opt.dataroot, download=True, transform=tf)
    loader = torch.utils.data.DataLoader(
        data, batch_size=opt.batch_size, shuffle=True, num_workers=2
    )
    device = "cuda" if torch.cuda.is_available() else "cpu"

    net_g, net_d = Generator(opt.nz).to(device), Discriminator(opt.num_classes).to(device)
    dis_criterion = nn.BCEWithLogitsLoss()
    aux_criterion = nn.NLLLoss()
    opt_d = optim.Adam(net_d.parameters(), lr=opt.lr, betas=(0.5, 0.999))
    opt_g = optim.Adam(net_g.parameters(), lr=opt.lr, betas=(0.5, 0.999))

    for epoch in range(opt.niter):
        for i, (real, label) in enumerate(loader):
            real, label = real.to(device), label.to(device)
            net_d.zero_grad()
            dis_output, aux_output = net_d(real)
            err_real = dis_criterion(dis_output, torch.ones_like(dis_output))
            err_aux = aux_criterion(aux_output, label)  # expect: WCE103
            (err_real + err_aux).backward()
            accuracy = compute_acc(aux_output, label)

            noise, fake_label = noise_with_labels(real.size(0), opt.nz, opt.num_classes, device)
            fake = net_g(noise)
            dis_fake, _ = net_d(fake.detach())
            err_fake = dis_criterion(dis_fake, torch.zeros_like(dis_fake))
            err_fake.backward()
            opt_d.step()

            net_g.zero_grad()
            dis_g, _ = net_d(fake)
            err_g = dis_criterion(dis_g, torch.ones_like(dis_g))
            err_g.backward()
            opt_g.step()
            if i % 100 == 0:
                print(
                    f"[{epoch}/{opt.niter}][{i}] D {err_real.item() + err_fake.item():.4f} G {err_g.item():.4f} acc {accuracy:.3f}"
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataroot", required=True)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--nz", type=int, default=110)
    parser.add_argument("--niter", type=int, default=25)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--num-classes", type=int, default=10)
    train(parser.parse_args())
