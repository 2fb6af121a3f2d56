NUM_CLASSES = 19  # Cityscapes train ids
IGNORE_LABEL = 255
BASE_LR = 0.01
