from torch import nn


def conv_block(c_in, c_out, stride, bn=True):
    layers = [nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)]
    if bn:
        layers.append(nn.BatchNorm2d(c_out))
    layers += [nn.LeakyReLU(0.2, inplace=True), nn.Dropout(0.5)]
    return nn.Sequential(*layers)


class Generator(nn.Module):
    def __init__(self, nz=110):
        super().__init__()
        self.fc = nn.Linear(nz, 384)
        self.net = nn.Sequential(
            nn.ConvTranspose2d(384, 192, 4, 1, 0, bias=False),
            nn.BatchNorm2d(192),
            nn.ReLU(True),
            nn.ConvTranspose2d(192, 96, 4, 2, 1, bias=False),
            nn.BatchNorm2d(96),
            nn.ReLU(True),
            nn.ConvTranspose2d(96, 48, 4, 2, 1, bias=False),
            nn.BatchNorm2d(48),
            nn.ReLU(True),
            nn.ConvTranspose2d(48, 3, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.net(self.fc(z.flatten(1)).view(-1, 384, 1, 1))


class Discriminator(nn.Module):
    """Real/fake score plus an auxiliary classifier over the classes."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            conv_block(3, 16, 2, bn=False),
            conv_block(16, 32, 1),
            conv_block(32, 64, 2),
            conv_block(64, 128, 1),
            conv_block(128, 256, 2),
            conv_block(256, 512, 1),
        )
        self.fc_dis = nn.Linear(4 * 4 * 512, 1)
        self.fc_aux = nn.Linear(4 * 4 * 512, num_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, image):
        flat = self.features(image).flatten(1)
        realfake = self.fc_dis(flat).squeeze(1)
        classes = self.softmax(self.fc_aux(flat))
        return realfake, classes
