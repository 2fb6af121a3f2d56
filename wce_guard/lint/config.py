"""Settings: ``[tool.wce-guard]`` in pyproject.toml, then the command line on top.

The file is found upward from the first path linted. Keys: ``select``, ``ignore`` (codes or
prefixes such as ``WCE1``), ``exclude`` (glob patterns of paths to skip), ``per-file-ignores``
(a table from glob pattern to codes) and ``max-file-size`` (megabytes; larger files are not
read, and reported as WCE001). An unknown key, a wrong type or an
unknown code is a ``ConfigError`` that names it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import contextlib

from wce_guard.lint.rules import ALL_RULES

_KEYS = {"select", "ignore", "exclude", "per-file-ignores", "max-file-size"}
# Hand-written modules stay far below; beyond it are generated files, where Python's own
# parser alone takes gigabytes (a 50 MB module: 10 GB and a minute). The largest module of a
# large site-packages (torch, sklearn, scipy, transformers...) is 1.4 MB.
DEFAULT_MAX_FILE_MB = 2


class ConfigError(Exception):
    """The configuration or the command line is wrong; the message names what."""


@dataclass(frozen=True)
class Settings:
    codes: frozenset[str]  # the rules that run
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    root: Path = field(default_factory=Path.cwd)  # where relative patterns start
    max_file_mb: float = DEFAULT_MAX_FILE_MB

    def codes_for(self, path: str) -> frozenset[str]:
        """The codes that apply to ``path`` after its per-file ignores."""
        codes = self.codes
        for pattern, ignored in self.per_file_ignores:
            if _matches(path, pattern, self.root):
                codes = codes - ignored
        return codes

    def is_excluded(self, path: Path) -> bool:
        return any(_matches(str(path), pattern, self.root) for pattern in self.exclude)

    def fingerprint(self) -> str:
        """What a cached result depends on besides the file and the tool version."""
        text = repr((sorted(self.codes), self.per_file_ignores))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(
    start: Path,
    select: str | None = None,
    ignore: str | None = None,
    config_path: Path | None = None,
) -> Settings:
    """Settings for a run: the configuration file found from ``start``, then the options."""
    path = config_path or find_pyproject(start)
    table: dict = {}
    if path is not None:
        table = _read_table(path)
    root = path.parent if path is not None else Path.cwd()
    chosen = _codes(table.get("select"), "select", path) if "select" in table else None
    dropped = _codes(table.get("ignore", []), "ignore", path)
    if select is not None:
        chosen = _codes(_split(select), "--select", None)
    if ignore is not None:
        dropped |= _codes(_split(ignore), "--ignore", None)
    codes = (chosen if chosen is not None else {rule.code for rule in ALL_RULES}) - dropped
    codes |= {"WCE001"} - dropped  # an unread file is always reported unless ignored
    exclude = tuple(_strings(table.get("exclude", []), "exclude", path))
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{path}: [tool.wce-guard] per-file-ignores must be a table")
    per_file_ignores = tuple(
        (pattern, frozenset(_codes(value, f"per-file-ignores.{pattern!r}", path)))
        for pattern, value in per_file.items()
    )
    max_file_mb = table.get("max-file-size", DEFAULT_MAX_FILE_MB)
    if (
        isinstance(max_file_mb, bool)
        or not isinstance(max_file_mb, int | float)
        or not (max_file_mb > 0)
    ):
        raise ConfigError(
            f"{path}: [tool.wce-guard] max-file-size must be a positive number of megabytes, "
            f"not {max_file_mb!r}"
        )
    return Settings(frozenset(codes), exclude, per_file_ignores, root, float(max_file_mb))


def _read_table(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from None
    table = document.get("tool", {}).get("wce-guard", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.wce-guard] must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{path}: unknown key {unknown[0]!r} in [tool.wce-guard]; known keys: "
            f"{', '.join(sorted(_KEYS))}"
        )
    return table


def _codes(value, key: str, path: Path | None) -> set[str]:
    """Codes and prefixes (``WCE1``, ``WCE10``) expanded to the codes of known rules."""
    known = {rule.code for rule in ALL_RULES}
    codes = set()
    for item in _strings(value, key, path):
        prefix = item.strip().upper()
        if prefix == "ALL":
            prefix = "WCE"
        matching = {code for code in known if code.startswith(prefix)} if prefix else set()
        if not matching:
            where = f"{path}: " if path is not None else ""
            raise ConfigError(
                f"{where}{key}: {item!r} is not a rule code or prefix; known codes: "
                f"{', '.join(sorted(known))}"
            )
        codes |= matching
    return codes


def _strings(value, key: str, path: Path | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        where = f"{path}: " if path is not None else ""
        raise ConfigError(f"{where}{key} must be a string or a list of strings, not {value!r}")
    return value


def _split(option: str) -> list[str]:
    return [part for part in option.replace(" ", ",").split(",") if part]


def _matches(path: str, pattern: str, root: Path) -> bool:
    """A glob against the path as given, its parts, and the path relative to ``root``."""
    candidates = {path, Path(path).name}
    with contextlib.suppress(ValueError, OSError):
        candidates.add(str(Path(path).resolve().relative_to(root.resolve())))
    parts = Path(path).parts
    candidates.update(parts)
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates)
