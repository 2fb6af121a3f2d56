import torch
from torch.utils.data import DataLoader, TensorDataset

from tabular.handler import AdultInputHandler
from tabular.model import AdultNet

if __name__ == "__main__":
    features, labels = torch.load("data/adult_onehot.pt")
    loader = DataLoader(TensorDataset(features, labels), batch_size=256, shuffle=True)
    handler = AdultInputHandler()
    model, acc = handler.train(loader, AdultNet(features.shape[1]), epochs=20)
    print(f"train accuracy {acc:.3f}")
    print(handler.eval(loader, model)[:10])
