from torchvision import models


def make_model(arch, num_classes):
    return getattr(models, arch)(num_classes=num_classes)
