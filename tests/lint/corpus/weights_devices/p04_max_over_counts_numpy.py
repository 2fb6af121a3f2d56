import numpy as np

counts = np.bincount(labels, minlength=10)
weights = counts.max() / counts  # expect: WCE202
