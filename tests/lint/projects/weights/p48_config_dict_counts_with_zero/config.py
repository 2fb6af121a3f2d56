CONFIG = {
    "classes": ["ok", "scratch", "dent", "stain", "crack"],
    # images of each class in the first labelling batch (no crack has been found yet)
    "class_counts": [4120, 311, 187, 95, 0],
    "image_size": 384,
    "lr": 3e-4,
    "epochs": 25,
}
