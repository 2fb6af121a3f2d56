"""Hyper-parameters for the UCI-HAR activity classifier."""

CONFIG = {
    "batch_size": 64,
    "epochs": 40,
    "lr": 0.01,
    "momentum": 0.9,
    "channels": 9,
    "window": 128,
    "n_classes": 6,
    "result_file": "result_har.csv",
}
