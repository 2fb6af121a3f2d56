"""The Real-World-Weight Cross-Entropy (Ho & Wookey, 2020): its contracts, autograd function,
functions, modules and metric."""
