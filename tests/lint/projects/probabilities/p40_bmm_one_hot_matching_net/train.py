import argparse

import torch

from matching_network import MatchingNetwork


def sample_episode(images, n_way, k_shot, batch_size):
    """images: (n_classes, n_per_class, 1, 28, 28) Omniglot tensor."""
    supports, support_labels, queries, targets = [], [], [], []
    for _ in range(batch_size):
        classes = torch.randperm(images.size(0))[:n_way]
        picks = torch.stack(
            [images[c][torch.randperm(images.size(1))[: k_shot + 1]] for c in classes]
        )
        supports.append(picks[:, :k_shot].flatten(0, 1))
        labels = torch.arange(n_way).repeat_interleave(k_shot)
        support_labels.append(labels)
        target = torch.randint(n_way, ())
        queries.append(picks[target, k_shot])
        targets.append(target)
    return (torch.stack(supports), torch.stack(support_labels), torch.stack(queries),
            torch.stack(targets))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--omniglot", default="data/omniglot_background.pt")
    parser.add_argument("--n-way", type=int, default=5)
    parser.add_argument("--k-shot", type=int, default=1)
    parser.add_argument("--episodes", type=int, default=20000)
    args = parser.parse_args()

    images = torch.load(args.omniglot)
    net = MatchingNetwork(n_way=args.n_way)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    for episode in range(args.episodes):
        support, support_labels, query, target = sample_episode(images, args.n_way, args.k_shot, 32)
        accuracy, loss = net(support, support_labels, query, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if episode % 100 == 0:
            print(f"episode {episode}: loss {loss.item():.4f} accuracy {accuracy.item():.3f}")


if __name__ == "__main__":
    main()
