# Reproduces gitabcworld/MatchingNetworks, models/AttentionalClassify.py and
# models/MatchingNetwork.py: softmax over support similarities, bmm with the one-hot support
# labels gives class probabilities, which F.cross_entropy softmaxes again
# (https://github.com/gitabcworld/MatchingNetworks/issues/5, "Double softmax"). The one-hot
# labels are built inside the module, as zhaemin/Fewshot_learning (models/matchnet.py) does.
import torch
import torch.nn as nn
import torch.nn.functional as F

from attention import AttentionalClassify, CosineDistance


def conv_block(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(), nn.MaxPool2d(2)
    )


class MatchingNetwork(nn.Module):
    def __init__(self, n_way=5, num_channels=1, layer_size=64):
        super().__init__()
        self.n_way = n_way
        self.g = nn.Sequential(
            conv_block(num_channels, layer_size),
            *[conv_block(layer_size, layer_size) for _ in range(3)],
            nn.Flatten(),
        )
        self.dn = CosineDistance()
        self.classify = AttentionalClassify()

    def forward(self, support_images, support_labels, target_image, target_label):
        b, s = support_images.shape[:2]
        support = self.g(support_images.flatten(0, 1)).view(b, s, -1)
        query = self.g(target_image)
        similarities = self.dn(support, query)
        preds = self.classify(similarities, support_labels, n_way=self.n_way)

        accuracy = (preds.argmax(1) == target_label).float().mean()
        loss = F.cross_entropy(preds, target_label.long())  # expect: WCE101
        return accuracy, loss
