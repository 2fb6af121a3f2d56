"""The static half of wce-guard: a libcst linter. It never imports torch.

The engine and rules arrive with the linter issues; this package exists now so that its
import contract (importable in an environment without torch) is tested from the start.
"""
