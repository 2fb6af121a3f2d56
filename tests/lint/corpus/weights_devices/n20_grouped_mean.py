import numpy as np

# the mean of each cluster's features: sums per label over counts per label
size = np.bincount(labels)
means = np.array([np.bincount(labels, X[i, :]) / size for i in range(n_samples)])
