"""Settings: ``[tool.wce-guard]`` in pyproject.toml, then the command line on top.

As in ruff, each file's settings come from the closest ``pyproject.toml`` above it that has
a ``[tool.wce-guard]`` table (one without it configures other tools, not this one), or from
the one file named by ``--config`` for every file. Patterns are relative to the folder of the
file that declares them. Keys: ``select``, ``extend-select``, ``ignore`` and its alias
``extend-ignore`` (codes or prefixes such as ``WCE1``), ``exclude`` (glob patterns of paths to
skip, replacing ``DEFAULT_EXCLUDE``) and ``extend-exclude`` (besides them),
``respect-gitignore``, ``force-exclude`` (the excludes apply to paths named on the command
line too), ``per-file-ignores`` (a table from glob pattern to codes) and ``max-file-size``
(megabytes; larger files are not read, and reported as WCE001). An unknown key, a wrong type
or an unknown code is a ``ConfigError`` that names it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from wce_guard.lint.rules import ALL_RULES

CONFIG_FILE = "pyproject.toml"
_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "respect-gitignore",
    "per-file-ignores",
    "max-file-size",
}
# Folders skipped by name unless `exclude` is set (it replaces them, as in ruff; extend-exclude
# adds to them): version control, tool caches, installed packages. Virtual environments are
# skipped by what they hold (pyvenv.cfg), whatever their name, and git's ignores are honoured:
# no `build`, `dist` or `env` by name, which may be a package of the project.
DEFAULT_EXCLUDE = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".wce_guard_cache",
    "__pycache__",
    "__pypackages__",
    "node_modules",
    "site-packages",
)
# Hand-written modules stay far below; beyond it are generated files, where Python's own
# parser alone takes gigabytes (a 50 MB module: 10 GB and a minute). The largest module of a
# large site-packages (torch, sklearn, scipy, transformers...) is 1.4 MB.
DEFAULT_MAX_FILE_MB = 2


class ConfigError(Exception):
    """The configuration or the command line is wrong; the message names what."""


@dataclass(frozen=True)
class Settings:
    codes: frozenset[str]  # the rules that run
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    root: Path = field(default_factory=Path.cwd)  # where relative patterns start
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False  # exclusions apply to paths named on the command line too
    config_file: Path | None = None  # the file these settings were read from

    def codes_for(self, path: str) -> frozenset[str]:
        """The codes that apply to ``path`` after its per-file ignores."""
        codes = self.codes
        if not self.per_file_ignores:
            return codes
        candidates = _candidates(path, self.root)
        for pattern, ignored in self.per_file_ignores:
            if any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates):
                codes = codes - ignored
        return codes

    def is_excluded(self, path: Path) -> bool:
        excluded = self._excluded
        return excluded is not None and any(
            excluded.match(candidate) for candidate in _candidates(str(path), self.root)
        )

    @functools.cached_property
    def _excluded(self) -> re.Pattern | None:
        """The exclude patterns as one expression (every folder entry of a walk is tested)."""
        patterns = (*self.exclude, *self.extend_exclude)
        if not patterns:
            return None
        return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns))


@dataclass(frozen=True)
class Options:
    """The command line's part of the settings, laid over each file's configuration. Codes
    and patterns are comma-separated strings; None leaves the configured value."""

    select: str | None = None
    ignore: str | None = None
    extend_select: str | None = None
    extend_ignore: str | None = None
    exclude: str | None = None
    extend_exclude: str | None = None
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None


@dataclass(frozen=True)
class _Selection:
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()  # with extend-ignore, which ruff keeps as an alias
    extend_select: frozenset[str] = frozenset()


class Configuration:
    """The settings of every file of a run, found per file and read once per folder."""

    def __init__(
        self,
        options: Options | None = None,
        config_path: Path | None = None,
        *,
        fixed: Settings | None = None,
    ) -> None:
        options = options or Options()
        self._options = options
        # The command line is checked before any file is looked at.
        self._selection = _Selection(
            frozenset(_codes(_split(options.select), "--select", None))
            if options.select is not None
            else None,
            frozenset(
                _codes(_split(options.ignore or ""), "--ignore", None)
                | _codes(_split(options.extend_ignore or ""), "--extend-ignore", None)
            ),
            frozenset(_codes(_split(options.extend_select or ""), "--extend-select", None)),
        )
        # Patterns of the command line are relative to the current folder, not to a
        # configuration file's.
        cwd = Path.cwd()
        self._exclude = _absolute(options.exclude, cwd)
        self._extend_exclude = _absolute(options.extend_exclude, cwd) or ()
        if config_path is not None:
            fixed = self._settings(_read_table(config_path), config_path)
        self._fixed = fixed
        self._by_folder: dict[Path, Settings] = {}
        if fixed is not None:
            self.root = fixed.root
        else:
            found = find_configuration(cwd)
            self.root = found.parent if found is not None else cwd

    @classmethod
    def of(cls, settings: Settings) -> Configuration:
        """One set of settings for every file (the Python API's ``lint_paths(paths, settings)``)."""
        return cls(fixed=settings)

    def settings_for(self, path: str | Path) -> Settings:
        """The settings of the file at ``path`` (it need not exist: standard input's name)."""
        return self.settings_in(Path(os.path.abspath(path)).parent)

    def settings_in(self, folder: Path) -> Settings:
        """The settings of the files in ``folder``."""
        if self._fixed is not None:
            return self._fixed
        folder = Path(os.path.abspath(folder))
        settings = self._by_folder.get(folder)
        if settings is None:
            if (folder / CONFIG_FILE).is_file() and _configures_us(folder / CONFIG_FILE):
                path = folder / CONFIG_FILE
                settings = self._settings(_read_table(path), path)
            elif folder.parent != folder:
                settings = self.settings_in(folder.parent)
            else:
                settings = self._settings({}, None)
            self._by_folder[folder] = settings
        return settings

    def _settings(self, table: dict, path: Path | None) -> Settings:
        """Settings from a ``[tool.wce-guard]`` table (read from ``path``) and the command
        line."""
        root = path.parent if path is not None else Path.cwd()
        configured = _Selection(
            frozenset(_codes(table["select"], "select", path)) if "select" in table else None,
            frozenset(
                _codes(table.get("ignore", []), "ignore", path)
                | _codes(table.get("extend-ignore", []), "extend-ignore", path)
            ),
            frozenset(_codes(table.get("extend-select", []), "extend-select", path)),
        )
        # As in ruff, the configuration then the command line, each on the result of the one
        # before: a `select` starts over (the ignores before it go too), `extend-select` adds,
        # `ignore` removes.
        codes = {rule.code for rule in ALL_RULES if rule.enabled_by_default}
        for layer in (configured, self._selection):
            if layer.select is not None:
                codes = set(layer.select) | {"WCE001"}  # an unread file is reported unless ignored
            codes |= layer.extend_select
            codes -= layer.ignore
        exclude = self._exclude
        if exclude is None:
            exclude = tuple(_strings(table.get("exclude", list(DEFAULT_EXCLUDE)), "exclude", path))
        extend_exclude = (
            *_strings(table.get("extend-exclude", []), "extend-exclude", path),
            *self._extend_exclude,
        )
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
                f"{path}: [tool.wce-guard] max-file-size must be a positive number of "
                f"megabytes, not {max_file_mb!r}"
            )
        respect_gitignore = self._options.respect_gitignore
        if respect_gitignore is None:
            respect_gitignore = _boolean(table, "respect-gitignore", True, path)
        force_exclude = self._options.force_exclude
        if force_exclude is None:
            force_exclude = _boolean(table, "force-exclude", False, path)
        return Settings(
            frozenset(codes),
            exclude,
            per_file_ignores,
            root,
            float(max_file_mb),
            extend_exclude,
            respect_gitignore,
            force_exclude,
            path,
        )


def find_configuration(folder: Path) -> Path | None:
    """The closest pyproject.toml at or above ``folder`` with a ``[tool.wce-guard]`` table."""
    folder = Path(os.path.abspath(folder))
    for candidate in (folder / CONFIG_FILE, *(p / CONFIG_FILE for p in folder.parents)):
        if candidate.is_file() and _configures_us(candidate):
            return candidate
    return None


def load(
    start: Path,
    select: str | None = None,
    ignore: str | None = None,
    config_path: Path | None = None,
) -> Settings:
    """The settings of the files in ``start`` (a folder) or of ``start`` (a file)."""
    configuration = Configuration(Options(select, ignore), config_path)
    return configuration.settings_in(start) if start.is_dir() else configuration.settings_for(start)


def _read_document(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from None


def _configures_us(path: Path) -> bool:
    tool = _read_document(path).get("tool", {})
    return isinstance(tool, dict) and "wce-guard" in tool


def _read_table(path: Path) -> dict:
    document = _read_document(path)
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


def _absolute(patterns: str | None, folder: Path) -> tuple[str, ...] | None:
    """Comma-separated patterns of the command line; those with a folder made absolute."""
    if patterns is None:
        return None
    split = [part.strip() for part in patterns.split(",") if part.strip()]
    return tuple(str(folder / part) if "/" in part else part for part in split)


def _boolean(table: dict, key: str, default: bool, path: Path | None) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: [tool.wce-guard] {key} must be true or false, not {value!r}")
    return value


def _candidates(path: str, root: Path) -> list[str]:
    """What a glob is matched against: the path as given, its parts, the path relative to
    ``root`` and the absolute path (for the command line's patterns)."""
    absolute = os.path.abspath(path)
    candidates = {path, absolute, *Path(path).parts}
    base = _absolute_folder(root)
    if absolute.startswith(base):
        candidates.add(absolute[len(base) :])
    else:  # through a symbolic link, perhaps: as the real paths relate
        with contextlib.suppress(ValueError, OSError):
            real = Path(os.path.realpath(absolute))
            candidates.add(str(real.relative_to(os.path.realpath(root))))
    return [os.path.normcase(candidate) for candidate in candidates]


@functools.lru_cache(maxsize=256)
def _absolute_folder(folder: Path) -> str:
    """``folder`` as an absolute path ending in a separator, for a cheap prefix test."""
    return os.path.join(os.path.abspath(folder), "")
