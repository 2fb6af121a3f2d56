import argparse


def get_config():
    parser = argparse.ArgumentParser(description="MLP on HAR accelerometer features")
    parser.add_argument("--hidden", type=int, nargs="+", default=[512, 256, 128])
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--data", default="har_features.pt")
    return parser.parse_args()
