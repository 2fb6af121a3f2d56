# A PyTorch writing of the factorization machine of d2l-ai/d2l-en (chapter_recommender-systems,
# fm.md): forward() already returns a sigmoid, and the loss applies the sigmoid again
# (https://github.com/d2l-ai/d2l-en/issues/1360, there with from_sigmoid=False).
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader

from ctr_data import CTRDataset
from fm import FactorizationMachine


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="ctr/train.csv")
    parser.add_argument("--test", default="ctr/test.csv")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=0.02)
    parser.add_argument("--cuda", action="store_true")
    args = parser.parse_args()

    train_set = CTRDataset(args.train)
    test_set = CTRDataset(args.test, feat_mapper=train_set.feat_mapper)
    train_iter = DataLoader(train_set, batch_size=2048, shuffle=True, num_workers=4)
    test_iter = DataLoader(test_set, batch_size=2048)

    net = FactorizationMachine(train_set.field_dims, num_factors=20)
    if args.cuda:
        net = net.cuda()
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=1e-5)

    for epoch in range(args.epochs):
        net.train()
        total, seen = 0.0, 0
        for features, clicks in train_iter:
            if args.cuda:
                features, clicks = features.cuda(), clicks.cuda()
            scores = net(features).squeeze(1)
            loss = loss_fn(scores, clicks)  # expect: WCE104
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total, seen = total + loss.item() * len(clicks), seen + len(clicks)

        net.eval()
        hits = count = 0
        with torch.no_grad():
            for features, clicks in test_iter:
                if args.cuda:
                    features, clicks = features.cuda(), clicks.cuda()
                predicted = net(features).squeeze(1) > 0.5
                hits += (predicted == clicks.bool()).sum().item()
                count += len(clicks)
        print(f"epoch {epoch + 1}: loss {total / seen:.4f}, test accuracy {hits / count:.4f}")


if __name__ == "__main__":
    main()
