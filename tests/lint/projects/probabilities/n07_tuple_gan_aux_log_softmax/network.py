from torch import nn


class Discriminator(nn.Module):
    """Real/fake logit plus log-probabilities of the auxiliary classifier."""

    def __init__(self, num_classes=10):
        super().__init__()
        layers, prev = [], 3
        for c, stride in [(16, 2), (32, 1), (64, 2), (128, 1), (256, 2), (512, 1)]:
            layers += [
                nn.Conv2d(prev, c, 3, stride, 1, bias=False),
                nn.BatchNorm2d(c),
                nn.LeakyReLU(0.2, True),
                nn.Dropout(0.5),
            ]
            prev = c
        self.features = nn.Sequential(*layers)
        self.fc_dis = nn.Linear(4 * 4 * 512, 1)
        self.fc_aux = nn.Linear(4 * 4 * 512, num_classes)
        self.log_softmax = nn.LogSoftmax(dim=1)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, image):
        flat = self.features(image).flatten(1)
        realfake = self.fc_dis(flat).squeeze(1)
        classes = self.log_softmax(self.fc_aux(flat))
        return realfake, classes

    def class_probabilities(self, image):
        flat = self.features(image).flatten(1)
        return self.softmax(self.fc_aux(flat))
