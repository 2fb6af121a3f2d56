"""The ``wce-guard`` command. It must run without torch installed."""

from __future__ import annotations

import click

from wce_guard import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wce-guard")
def main() -> None:
    """Guard rails for weighted cross-entropy in PyTorch.

    The checked losses are a Python API: import wce_guard and use wce_guard.cross_entropy or
    wce_guard.CrossEntropyLoss in place of PyTorch's.
    """
