import torch

from serving import load_for_serving


class MnistHandler:
    def __init__(self, weights="mnist_cnn.pt"):
        self.model = load_for_serving(weights)

    def handle(self, batch):
        with torch.no_grad():
            probs = self.model(batch)
        top = probs.max(dim=1)
        return [{"digit": int(i), "confidence": float(p)} for p, i in zip(top.values, top.indices)]
