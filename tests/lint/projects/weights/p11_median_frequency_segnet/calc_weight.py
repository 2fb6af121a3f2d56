import numpy as np


def median_frequency_weights(dataset, n_class):
    n_cls_pixels = np.zeros(n_class)
    n_img_pixels = np.zeros(n_class)
    for _, lbl in dataset:
        for cls_i in np.unique(lbl):
            n_cls_pixels[cls_i] += np.sum(lbl == cls_i)
            n_img_pixels[cls_i] += lbl.size
    freq = n_cls_pixels / np.maximum(n_img_pixels, 1)
    return np.median(freq) / freq  # expect: WCE202
