import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from adult_handler import AdultInputHandler
from adult_model import AdultNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/adult_onehot.pt")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    features, labels = torch.load(args.data)
    loader = DataLoader(TensorDataset(features, labels), batch_size=args.batch_size, shuffle=True)

    handler = AdultInputHandler(vars(args))
    target_model = AdultNet(input_size=features.shape[1])
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model, history = handler.train(loader, target_model, args.epochs, device)
    print(history[-1])
    torch.save(model.state_dict(), "target/adult.pt")


if __name__ == "__main__":
    main()
