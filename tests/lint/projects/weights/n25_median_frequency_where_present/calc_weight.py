import numpy as np


def median_frequency_weights(dataset, n_class):
    """SegNet: freq(c) over the images where c is present; absent classes weigh 0."""
    n_cls_pixels = np.zeros(n_class)
    n_img_pixels = np.zeros(n_class)
    for _, lbl in dataset:
        for cls_i in np.unique(lbl):
            n_cls_pixels[cls_i] += np.sum(lbl == cls_i)
            n_img_pixels[cls_i] += lbl.size
    present = n_cls_pixels > 0
    freq = n_cls_pixels[present] / n_img_pixels[present]
    weights = np.zeros(n_class, dtype=np.float32)
    weights[present] = np.median(freq) / freq
    return weights
