"""wce-guard lint as users of ruff expect it: configuration per file, exit statuses, options,
file discovery, output details."""

import json

import pytest

from tests.lint.test_cli import BUGGY, lint


def codes_by_path(*args) -> dict[str, list[str]]:
    found = json.loads(lint(*args, "--format", "json").output)["diagnostics"]
    by_path: dict[str, list[str]] = {}
    for d in found:
        by_path.setdefault(d["path"].replace("\\", "/"), []).append(d["code"])
    return by_path


@pytest.fixture
def nested(project):
    """A project whose root ignores WCE1, with a package that has a pyproject.toml of its own
    that does not configure wce-guard."""
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nignore = ["WCE1"]\n')
    (project / "pkg").mkdir()
    (project / "pkg" / "pyproject.toml").write_text("[project]\nname = 'pkg'\n")
    (project / "pkg" / "a.py").write_text(BUGGY)
    (project / "b.py").write_text(BUGGY)
    return project


def test_a_pyproject_without_our_table_does_not_configure_us(nested):
    assert codes_by_path("b.py", "pkg/a.py") == {}
    assert codes_by_path("pkg/a.py", "b.py") == {}
    assert codes_by_path(".") == {}


def test_each_file_has_the_settings_of_its_closest_configuration(nested):
    (nested / "pkg" / "pyproject.toml").write_text('[tool.wce-guard]\nselect = ["WCE102"]\n')
    expected = {"pkg/a.py": ["WCE102"]}
    assert codes_by_path("b.py", "pkg/a.py") == expected
    assert codes_by_path("pkg/a.py", "b.py") == expected
    assert codes_by_path(".") == expected


def test_command_line_codes_apply_over_every_files_configuration(nested):
    (nested / "pkg" / "pyproject.toml").write_text('[tool.wce-guard]\nselect = ["WCE102"]\n')
    assert codes_by_path(".", "--select", "WCE101") == {"b.py": ["WCE101"], "pkg/a.py": ["WCE101"]}


def test_excludes_are_those_of_the_configuration_that_declares_them(nested):
    (nested / "pkg" / "pyproject.toml").write_text('[tool.wce-guard]\nexclude = ["a.py"]\n')
    (nested / "pyproject.toml").write_text("[tool.wce-guard]\n")
    (nested / "pkg" / "c.py").write_text(BUGGY)
    assert codes_by_path(".") == {"b.py": ["WCE101", "WCE102"], "pkg/c.py": ["WCE101", "WCE102"]}


def test_the_cache_lives_at_the_project_root(nested, monkeypatch):
    monkeypatch.delenv("WCE_GUARD_CACHE_DIR")
    (nested / "pkg" / "pyproject.toml").write_text('[tool.wce-guard]\nselect = ["WCE102"]\n')
    from click.testing import CliRunner

    from wce_guard.cli import main

    assert CliRunner().invoke(main, ["lint", "pkg/a.py"]).exit_code == 1
    assert (nested / ".wce_guard_cache").is_dir()
    assert not (nested / "pkg" / ".wce_guard_cache").exists()


ONLY_FIXABLE = (
    "import torch\nimport torch.nn.functional as F\nlp = torch.log(F.softmax(z, dim=1))\n"
)


def test_diff_exits_1_while_findings_remain_even_when_all_are_fixable(project):
    (project / "train.py").write_text(ONLY_FIXABLE)
    result = lint("train.py", "--diff")
    assert result.exit_code == 1
    assert "+lp = F.log_softmax(z, dim=1)" in result.output
    assert lint("train.py", "--diff", "--exit-zero").exit_code == 0
    assert (project / "train.py").read_text() == ONLY_FIXABLE


def test_diff_exits_0_when_there_is_nothing_to_change(project):
    (project / "train.py").write_text("import torch\nx = torch.ones(3)\n")
    result = lint("train.py", "--diff")
    assert (result.exit_code, result.output) == (0, "")


WEIGHTS_AND_SOFTMAX = BUGGY + (
    "counts = torch.bincount(labels)\n"
    "criterion = torch.nn.CrossEntropyLoss(weight=1.0 / counts.clamp(min=1))\n"
)


@pytest.mark.parametrize(
    "options",
    [
        ("--select", "WCE101", "--select", "WCE201"),
        ("--select", "WCE101,WCE201"),
        ("--select", "WCE1", "--select", "WCE2", "--ignore", "WCE102", "--ignore", "WCE203"),
    ],
)
def test_repeated_options_add_up(project, options):
    (project / "train.py").write_text(WEIGHTS_AND_SOFTMAX)
    assert codes_by_path("train.py") == {"train.py": ["WCE101", "WCE102", "WCE201"]}
    assert codes_by_path("train.py", *options) == {"train.py": ["WCE101", "WCE201"]}
