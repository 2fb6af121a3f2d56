# images per diabetic-retinopathy grade in the training split
CONFIG = {
    "num_classes": 5,
    "grade_counts": [25810, 2443, 5292, 873, 708],
    "lr": 1e-4,
}
