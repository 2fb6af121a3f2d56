"""Checked losses: PyTorch's classification losses with their contracts checked (contracts,
messages, value checks, check levels, the functions and the modules)."""
