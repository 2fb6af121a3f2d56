import numpy as np

# number of points of each SemanticKITTI class in the training sequences (x 1e3)
POINT_COUNTS = np.array(
    [55437, 320797, 4385, 12768, 15643, 11209, 1232, 2893,
     1051, 174291, 12918, 126412, 5217, 178532, 91620, 350416, 7318, 112564, 3425]
)


def get_class_weight():
    return POINT_COUNTS.sum() / POINT_COUNTS
