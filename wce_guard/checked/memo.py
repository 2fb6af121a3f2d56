"""Signatures of calls that passed a contract.

Checking the annotations costs tens of microseconds, too much for every training step; a call
whose shapes, dtypes, devices and scalar arguments match a signature that passed skips them.
A set, so the lookup on the hot path is the set's own; bounded, so that ever-changing shapes
(variable sequence lengths) cannot grow it without limit.
"""

from __future__ import annotations

from collections.abc import Hashable

_LIMIT = 4096


class PassedSignatures(set):
    def remember(self, signature: Hashable) -> None:
        if len(self) >= _LIMIT:
            self.clear()
        self.add(signature)
