# Reproduces NaJaeMin92/pytorch-DANN, model.py and train.py: the label classifier ends in
# F.softmax and source_only(encoder, classifier, ...) trains it with nn.CrossEntropyLoss
# (https://github.com/NaJaeMin92/pytorch-DANN/issues/7, "Regarding softmax layer").
import torch
from torch import nn, optim


def source_only(encoder, classifier, source_loader, epochs, device="cuda", log_every=50):
    classifier_criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(
        list(encoder.parameters()) + list(classifier.parameters()), lr=0.01, momentum=0.9
    )
    for epoch in range(epochs):
        encoder.train()
        classifier.train()
        for batch_idx, (image, label) in enumerate(source_loader):
            image = torch.cat((image, image, image), 1)  # MNIST to three channels
            image, label = image.to(device), label.to(device)

            optimizer.zero_grad()
            feature = encoder(image)
            class_pred = classifier(feature)
            class_loss = classifier_criterion(class_pred, label)  # expect: WCE101
            class_loss.backward()
            optimizer.step()

            if (batch_idx + 1) % log_every == 0:
                print(
                    f"epoch {epoch} [{batch_idx + 1}/{len(source_loader)}] class loss {class_loss.item():.4f}"
                )
    return encoder, classifier
