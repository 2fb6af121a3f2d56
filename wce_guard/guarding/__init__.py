"""The guard: checks on the classification losses of unmodified code (``guard()``, ``wce-guard
run``)."""
