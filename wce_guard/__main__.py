"""``python -m wce_guard``: the same as the ``wce-guard`` command."""

from wce_guard.cli import main

main(prog_name="wce-guard")
