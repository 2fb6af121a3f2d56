import numpy as np
from sklearn.utils.class_weight import compute_class_weight


def keras_class_weight(y, num_classes):
    """The {class index: weight} dict that Keras' model.fit(class_weight=...) takes."""
    weights = compute_class_weight("balanced", classes=np.arange(num_classes), y=y)
    return dict(enumerate(weights))
