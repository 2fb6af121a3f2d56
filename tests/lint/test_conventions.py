"""wce-guard lint as users of ruff expect it: configuration per file, exit statuses, options,
file discovery, output details."""

import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from tests.lint.test_cli import BUGGY, SCHEMA, lint
from wce_guard.cli import main


def codes_by_path(*args) -> dict[str, list[str]]:
    found = json.loads(lint(*args, "--format", "json").output)["diagnostics"]
    by_path: dict[str, list[str]] = {}
    for d in found:
        by_path.setdefault(d["path"].replace("\\", "/"), []).append(d["code"])
    return {path: sorted(codes) for path, codes in by_path.items()}


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


def linted(*args) -> set[str]:
    found = json.loads(lint(*args, "--format", "json", "--select", "WCE101").output)
    return {d["path"].replace("\\", "/") for d in found["diagnostics"]}


def write(project, *paths: str) -> None:
    for path in paths:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(BUGGY)


def test_folders_named_like_build_or_env_are_linted_unless_ignored(project):
    write(project, "env/step.py", "build/make.py", "dist/x.py", "venv/a.py", "pkg/env/b.py")
    assert linted(".") == {"env/step.py", "build/make.py", "dist/x.py", "venv/a.py", "pkg/env/b.py"}


def test_virtual_environments_are_skipped_by_what_they_hold(project):
    write(project, "tools/lib/site.py", "conda/lib/site.py", "src/a.py")
    (project / "tools" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "conda" / "conda-meta").mkdir()
    assert linted(".") == {"src/a.py"}


GITIGNORED = [
    "build/make.py",  # build/
    "out/a.py",  # /out
    "gen_model.py",  # gen_*.py
    "deep/x/gen_model.py",  # gen_*.py at any depth
    "logs/2026/run.py",  # logs/**
    "a/tmp/b/c.py",  # a/**/c.py
    "sub/local.py",  # sub/.gitignore: local.py
    "excluded_by_info.py",  # .git/info/exclude
]
KEPT = [
    "gen_keep.py",  # !gen_keep.py
    "pkg/out/a.py",  # /out is anchored to the root
    "src/build.py",  # build/ is for folders only
    "local.py",  # sub/.gitignore does not reach up
    "a/c2.py",
]


def test_gitignore_is_honoured_in_folders(project):
    (project / ".git" / "info").mkdir(parents=True)
    (project / ".git" / "info" / "exclude").write_text("excluded_by_info.py\n")
    (project / ".gitignore").write_text(
        "# comment\nbuild/\n/out\ngen_*.py\n!gen_keep.py\nlogs/**\na/**/c.py\n"
    )
    write(project, *GITIGNORED, *KEPT)
    (project / "sub" / ".gitignore").write_text("local.py\n")
    assert linted(".") == set(KEPT)
    assert linted(".", "--no-respect-gitignore") == set(GITIGNORED + KEPT)
    (project / "pyproject.toml").write_text("[tool.wce-guard]\nrespect-gitignore = false\n")
    assert linted(".") == set(GITIGNORED + KEPT)
    assert linted(".", "--respect-gitignore") == set(KEPT)


def test_gitignore_outside_a_git_repository_is_not_read(project):
    (project / ".gitignore").write_text("build/\n")
    write(project, "build/make.py")
    assert linted(".") == {"build/make.py"}


def test_a_gitignored_file_named_on_the_command_line_is_linted(project):
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("scratch.py\n")
    write(project, "scratch.py")
    assert linted("scratch.py") == {"scratch.py"}


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(project):
    write(project, "node_modules/x.py", "generated/a.py", "src/a.py", "other/b.py")
    assert linted(".") == {"generated/a.py", "src/a.py", "other/b.py"}
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nextend-exclude = ["generated"]\n')
    assert linted(".") == {"src/a.py", "other/b.py"}
    assert linted(".", "--extend-exclude", "other/*") == {"src/a.py"}
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nexclude = ["generated"]\n')
    assert linted(".") == {"node_modules/x.py", "src/a.py", "other/b.py"}
    assert linted(".", "--exclude", "src,other") == {"node_modules/x.py", "generated/a.py"}


def test_force_exclude_applies_the_excludes_to_named_paths(project):
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nextend-exclude = ["generated"]\n')
    write(project, "generated/a.py", "src/a.py")
    assert linted("generated/a.py", "src/a.py") == {"generated/a.py", "src/a.py"}
    assert linted("generated/a.py", "src/a.py", "--force-exclude") == {"src/a.py"}
    (project / "pyproject.toml").write_text(
        '[tool.wce-guard]\nextend-exclude = ["generated"]\nforce-exclude = true\n'
    )
    assert linted("generated/a.py", "src/a.py") == {"src/a.py"}
    assert linted("generated/a.py", "--no-force-exclude") == {"generated/a.py"}


def test_the_pre_commit_hook_forces_the_excludes():
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    assert "--force-exclude" in hooks[0]["entry"].split()


# RFC 3986: what a URI reference's path may hold (a space never; a `#` starts a fragment).
URI_PATH = re.compile(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*")


def test_sarif_uris_are_percent_encoded_and_resolve_to_the_files(project):
    folder = project / "my data #2"
    folder.mkdir()
    (folder / "train #1.py").write_text(BUGGY)
    document = json.loads(lint(".", "--format", "sarif").output)
    jsonschema.validate(document, SCHEMA)
    (run,) = document["runs"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.endswith("/") and base.startswith("file:///")
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    locations += [
        related["physicalLocation"]
        for r in run["results"]
        for related in r.get("relatedLocations", [])
    ]
    assert len(locations) == 3  # WCE101, its softmax, WCE102
    for location in locations:
        artifact = location["artifactLocation"]
        assert URI_PATH.fullmatch(artifact["uri"]), artifact["uri"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        resolved = urllib.parse.urljoin(base, artifact["uri"])
        file = Path(urllib.parse.unquote(urllib.parse.urlsplit(resolved).path))
        assert file == folder / "train #1.py"


def test_sarif_uri_of_an_absolute_path_is_a_file_uri(project):
    (project / "a b.py").write_text(BUGGY)
    document = json.loads(lint(str(project / "a b.py"), "--format", "sarif").output)
    jsonschema.validate(document, SCHEMA)
    artifact = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": (project / "a b.py").as_uri()}
    assert "%20" in artifact["artifactLocation"]["uri"]


def test_statistics_as_json(project):
    (project / "a.py").write_text(BUGGY)
    (project / "b.py").write_text(BUGGY)
    result = lint(".", "--statistics", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output) == [
        {"code": "WCE101", "name": "softmax-into-cross-entropy", "count": 2, "fixable_count": 0},
        {"code": "WCE102", "name": "log-of-softmax", "count": 2, "fixable_count": 2},
    ]
    (project / "a.py").write_text("x = 1\n")
    (project / "b.py").write_text("x = 1\n")
    empty = lint(".", "--statistics", "--format", "json")
    assert (empty.exit_code, json.loads(empty.output)) == (0, [])


@pytest.mark.parametrize("layout", ["empty-folder", "all-excluded", "only-other-files"])
def test_a_run_that_finds_no_file_warns(project, layout):
    (project / "src").mkdir()
    if layout == "all-excluded":
        (project / "src" / "a.py").write_text(BUGGY)
        (project / "pyproject.toml").write_text('[tool.wce-guard]\nextend-exclude = ["a.py"]\n')
    elif layout == "only-other-files":
        (project / "src" / "notes.txt").write_text("softmax\n")
    result = CliRunner().invoke(main, ["lint", "--no-cache", "src"])
    assert result.exit_code == 0
    assert result.stderr == "warning: No Python files found under the given path(s)\n"
    assert result.stdout == "No findings. Checked 0 files.\n"


def test_a_run_with_files_does_not_warn(project):
    (project / "a.py").write_text("x = 1\n")
    assert CliRunner().invoke(main, ["lint", "--no-cache", "a.py"]).stderr == ""


def test_the_summary_says_how_many_files_were_checked_apart_from_the_findings(project):
    (project / "a.py").write_text(BUGGY)
    for name in ["b.py", "c.py", "d.py"]:
        (project / name).write_text("x = 1\n")
    assert lint(".").output.splitlines()[-1] == (
        "Found 2 findings (1 fixable with --fix). Checked 4 files."
    )


LOSS_LINE = "probs, y)\n"


def with_comment(comment: str) -> str:
    return BUGGY.replace(LOSS_LINE, f"probs, y)  {comment}\n")


@pytest.mark.parametrize(
    "comment", ["# noqa: WCE1", "# noqa: wce10", "# wce-guard: ignore", "# wce-guard: ignore[WCE1]"]
)
def test_prefixes_and_a_bare_ignore_suppress(project, comment):
    (project / "train.py").write_text(with_comment(comment))
    assert codes_by_path("train.py") == {"train.py": ["WCE102"]}


def test_ignore_file_is_not_read_as_a_bare_ignore(project):
    (project / "train.py").write_text(
        BUGGY.replace(LOSS_LINE, "probs, y)  # wce-guard: ignore-fil\n")
    )
    assert codes_by_path("train.py") == {"train.py": ["WCE101", "WCE102"]}


def test_unknown_codes_in_suppressions_are_reported_by_default(project):
    (project / "train.py").write_text(
        with_comment("# noqa: E501, WCE1O1") + "x = 1  # wce-guard: ignore[WCE999]\n"
    )
    found = json.loads(lint("train.py", "--format", "json").output)["diagnostics"]
    unknown = [(d["line"], d["message"]) for d in found if d["code"] == "WCE003"]
    assert unknown == [
        (4, "not a wce-guard rule code or prefix: WCE1O1"),
        (7, "not a wce-guard rule code or prefix: WCE999"),
    ]
    assert "WCE101" in [d["code"] for d in found]  # the mistyped code hid nothing


def test_unused_suppressions_are_reported_when_selected(project):
    source = with_comment("# noqa: WCE101, WCE102, E501") + "x = 1  # wce-guard: ignore\n"
    (project / "train.py").write_text(source)
    assert codes_by_path("train.py") == {"train.py": ["WCE102"]}  # WCE002 is not on by default
    found = json.loads(lint("train.py", "--format", "json", "--select", "WCE1,WCE002").output)
    unused = [(d["line"], d["message"]) for d in found["diagnostics"] if d["code"] == "WCE002"]
    assert unused == [
        (4, "unused suppression: no WCE102 finding on this line"),
        (7, "unused suppression: nothing is reported on this line"),
    ]


def test_a_suppression_of_a_rule_that_does_not_run_is_not_unused(project):
    (project / "train.py").write_text("x = 1  # noqa: WCE201\n")
    assert codes_by_path("train.py", "--select", "WCE1,WCE002") == {}
    assert codes_by_path("train.py", "--select", "WCE2,WCE002") == {"train.py": ["WCE002"]}


def test_fix_removes_unused_and_unknown_codes(project):
    source = (
        with_comment("# noqa: WCE101, WCE102, E501")
        + "x = 1  # keep this  # wce-guard: ignore[WCE999]\n"
        + "y = 2  # noqa: WCE201\n"
    )
    (project / "train.py").write_text(source)
    result = lint("train.py", "--fix", "--select", "WCE1,WCE2,WCE002,WCE003")
    assert result.exit_code == 0, result.output
    fixed = (project / "train.py").read_text()
    assert "loss = F.cross_entropy(probs, y)  # noqa: WCE101, E501\n" in fixed
    assert "x = 1  # keep this\n" in fixed
    assert fixed.endswith("y = 2\n")
    assert lint("train.py", "--select", "WCE1,WCE2,WCE002,WCE003").exit_code == 0


CALLED_WITH_SOFTMAX = (
    "import torch\nimport torch.nn as nn\nfrom utils import fit\n\n"
    "model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\n"
    "fit(model, torch.randn(2, 4), torch.tensor([0, 1]))\n"
)
FIT = (
    "import torch.nn.functional as F\n\n\n"
    "def fit(model, x, y):\n"
    "    return F.cross_entropy(model(x), y)  # noqa: WCE101\n"
)


@pytest.mark.parametrize("cache", [False, True])
def test_a_suppression_used_by_the_lint_of_another_file_is_used(project, cache):
    (project / "train.py").write_text(CALLED_WITH_SOFTMAX)
    (project / "utils.py").write_text(FIT)
    options = ("--select", "WCE1,WCE002")
    run = CliRunner().invoke
    for _ in range(2 if cache else 1):  # the second run reads the cache
        result = run(main, ["lint", *([] if cache else ["--no-cache"]), ".", *options])
        assert (result.exit_code, result.output) == (0, "No findings. Checked 2 files.\n")
    (project / "utils.py").write_text(FIT.replace("  # noqa: WCE101", ""))
    assert codes_by_path(".", *options) == {"utils.py": ["WCE101"]}


CPU_WEIGHT = (
    "import torch\nfrom torch import nn\n"
    "model = Net().to('cuda')\n"
    "weights = torch.tensor([1.0, 4.0, 9.0])\n"
    "criterion = nn.CrossEntropyLoss(weight=weights)\n"
)


def test_wce301_message_names_what_its_fix_writes(project):
    (project / "train.py").write_text(CPU_WEIGHT.replace("'cuda'", "device"))
    (project / "train.py").write_text("device = 'cuda'\n" + (project / "train.py").read_text())
    (found,) = json.loads(lint("train.py", "--format", "json").output)["diagnostics"]
    assert found["fixable"]
    assert "move it with .to(device) where it is given" in found["message"]
    assert (
        "+criterion = nn.CrossEntropyLoss(weight=weights.to(device))"
        in lint("train.py", "--diff").output
    )


def test_wce301_without_a_fix_does_not_offer_one(project):
    (project / "train.py").write_text(CPU_WEIGHT)
    (found,) = json.loads(lint("train.py", "--format", "json").output)["diagnostics"]
    assert not found["fixable"]
    assert found["message"].endswith(
        "move the criterion with criterion.to(device) (the weight is a buffer)"
    )


@pytest.mark.parametrize(
    ("code", "availability"), [("WCE201", "sometimes"), ("WCE003", "always"), ("WCE202", "not")]
)
def test_explain_and_rules_say_the_fix_availability(code, availability):
    explained = CliRunner().invoke(main, ["explain", code]).output
    assert f"## Fix availability\n\nFix is {availability} available" in explained
    if code == "WCE201":
        assert "num_classes" in explained.split("## Fix availability")[1]
    listed = {
        entry["code"]: entry["fix_availability"]
        for entry in json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    }
    assert listed[code] == {"not": "never"}.get(availability, availability)


def test_wce201_is_fixable_only_with_a_class_count_in_scope(project):
    source = (
        "import torch\nfrom torch import nn\ncounts = torch.bincount(labels)\n"
        "criterion = nn.CrossEntropyLoss(weight=counts.sum() / (counts + 1))\n"
    )
    (project / "a.py").write_text("num_classes = 10\n" + source)
    (project / "b.py").write_text(source)
    found = json.loads(lint(".", "--format", "json", "--select", "WCE201").output)
    assert {d["path"]: d["fixable"] for d in found["diagnostics"]} == {"a.py": True, "b.py": False}


@pytest.mark.parametrize(
    ("table", "options", "message"),
    [
        ('[tool.wce-guard]\nselct = ["WCE1"]\n', (), "unknown key 'selct' in [tool.wce-guard]"),
        ("[tool.wce-guard]\nselect = [\n", (), "cannot read it"),
        ("[tool.wce-guard]\n", ("--select", "WCE9"), "'WCE9' is not a rule code or prefix"),
        ('[tool.wce-guard]\nrespect-gitignore = "yes"\n', (), "must be true or false"),
        ("[tool.wce-guard]\nextend-exclude = 3\n", (), "extend-exclude must be a string or"),
        ('[tool.wce-guard]\nextend-select = ["WCE9"]\n', (), "'WCE9' is not a rule code"),
    ],
)
def test_configuration_errors_are_one_line_without_usage(project, table, options, message):
    (project / "pyproject.toml").write_text(table)
    (project / "train.py").write_text(BUGGY)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "train.py", *options])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("wce-guard: error: ") and message in line
    assert "Usage" not in result.stderr


def test_extend_select_and_extend_ignore_on_the_command_line(project):
    (project / "train.py").write_text(WEIGHTS_AND_SOFTMAX)
    assert codes_by_path("train.py", "--extend-select", "WCE002") == {
        "train.py": ["WCE101", "WCE102", "WCE201"]
    }
    assert codes_by_path("train.py", "--extend-ignore", "WCE102,WCE201") == {"train.py": ["WCE101"]}
    assert codes_by_path("train.py", "--select", "WCE101", "--extend-select", "WCE201") == {
        "train.py": ["WCE101", "WCE201"]
    }


def test_extend_select_in_the_configuration_keeps_its_ignores(project):
    (project / "pyproject.toml").write_text(
        '[tool.wce-guard]\nignore = ["WCE102"]\nextend-ignore = ["WCE201"]\n'
    )
    (project / "train.py").write_text(WEIGHTS_AND_SOFTMAX + "x = 1  # noqa: WCE101\n")
    assert codes_by_path("train.py") == {"train.py": ["WCE101"]}
    # extend-select adds to the selection, and the configured ignores stay: unlike --select
    assert codes_by_path("train.py", "--extend-select", "WCE002") == {
        "train.py": ["WCE002", "WCE101"]
    }
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nextend-select = ["WCE002"]\n')
    assert codes_by_path("train.py") == {"train.py": ["WCE002", "WCE101", "WCE102", "WCE201"]}


def test_output_format_is_the_option_and_format_its_alias(project):
    (project / "train.py").write_text(BUGGY)
    assert (
        lint("train.py", "--output-format", "json").output
        == lint("train.py", "--format", "json").output
    )
    assert json.loads(lint("train.py", "--output-format", "json").output)["files_checked"] == 1


@pytest.mark.parametrize("option", ["-o", "--output-file"])
def test_output_file_gets_what_standard_output_would(project, option):
    (project / "train.py").write_text(BUGGY)
    expected = CliRunner().invoke(main, ["lint", "--no-cache", "train.py", "--format", "sarif"])
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "train.py", "--format", "sarif", option, "out.sarif"]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert (project / "out.sarif").read_text() == expected.stdout


def test_output_file_that_cannot_be_written_is_an_error(project):
    (project / "train.py").write_text(BUGGY)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "train.py", "-o", "no/such/out"])
    assert result.exit_code == 2
    assert result.stderr.startswith("wce-guard: error: cannot write no/such/out")


@pytest.mark.parametrize("option", ["-q", "--quiet"])
def test_quiet_prints_the_findings_and_nothing_else(project, option):
    (project / "train.py").write_text(BUGGY)
    (project / "ok.py").write_text("x = 1\n")
    (project / "empty").mkdir()
    lines = lint("train.py", option).output.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["WCE101", "WCE102"]
    quiet = CliRunner().invoke(main, ["lint", "--no-cache", option, "ok.py", "empty"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    nothing = CliRunner().invoke(main, ["lint", "--no-cache", option, "empty"])
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (0, "", "")


def test_fix_summary_says_how_many_were_fixed_and_remain(project):
    (project / "train.py").write_text(BUGGY)
    result = lint("train.py", "--fix")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Found 2 findings (1 fixed, 1 remaining). Checked 1 file."
    )
    (project / "only.py").write_text(ONLY_FIXABLE + "y = 2  # noqa: WCE999\n")
    result = lint("only.py", "--fix")
    assert (result.exit_code, result.output) == (
        0,
        "Found 2 findings (2 fixed, 0 remaining). Checked 1 file.\n",
    )
    assert lint("only.py", "--fix").output == "No findings. Checked 1 file.\n"


def test_explain_by_name_is_explain_by_code():
    by_name = CliRunner().invoke(main, ["explain", "log-of-softmax"])
    assert by_name.exit_code == 0
    assert by_name.output == CliRunner().invoke(main, ["explain", "WCE102"]).output


def test_explain_all_prints_every_rule():
    from wce_guard.lint.rules import ALL_RULES

    result = CliRunner().invoke(main, ["explain", "--all"])
    assert result.exit_code == 0
    assert result.output == "\n\n".join(rule.docs() for rule in ALL_RULES) + "\n"
    assert [line[2:8] for line in result.output.splitlines() if line.startswith("# WCE")] == [
        rule.code for rule in ALL_RULES
    ]


@pytest.mark.parametrize("arguments", [[], ["WCE101", "--all"], ["no-such-rule"]])
def test_explain_needs_one_rule_or_all(arguments):
    assert CliRunner().invoke(main, ["explain", *arguments]).exit_code == 2


def test_show_files_lists_what_would_be_linted(project):
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("build/\n")
    write(project, "src/a.py", "src/b.ipynb", "build/x.py", "env/c.py")
    (project / "src" / "notes.txt").write_text("x")
    result = CliRunner().invoke(main, ["lint", "--show-files", "."])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == sorted(
        str(Path(p)) for p in ["env/c.py", "src/a.py", "src/b.ipynb"]
    )
    assert not (project / ".cache").exists()  # nothing was linted


def test_show_settings_are_those_of_the_first_file(nested):
    (nested / "pkg" / "pyproject.toml").write_text(
        '[tool.wce-guard]\nselect = ["WCE1"]\nextend-exclude = ["gen"]\nmax-file-size = 3\n'
        '[tool.wce-guard.per-file-ignores]\n"a.py" = ["WCE102"]\n'
    )
    result = CliRunner().invoke(main, ["lint", "--show-settings", "pkg/a.py", "b.py"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Settings for pkg/a.py"
    assert lines[1] == f"configuration file: {nested / 'pkg' / 'pyproject.toml'}"
    assert lines[2] == "rules: WCE001, WCE101, WCE103, WCE104, WCE105"
    assert "per-file-ignores: a.py = WCE102" in lines
    assert "extend-exclude: gen" in lines
    assert "max-file-size: 3 MB" in lines
    root = CliRunner().invoke(main, ["lint", "--show-settings", "b.py"]).stdout.splitlines()
    assert root[1] == f"configuration file: {nested / 'pyproject.toml'}"
    assert (
        root[2] == "rules: WCE001, WCE003, WCE201, WCE202, WCE203, WCE204, WCE205, WCE206, WCE301, "
        "WCE302, WCE303"
    )


def nbformat_notebook(*sources: str, **dump) -> str:
    """A notebook as Jupyter writes it (indent 1, keys sorted), with outputs and metadata."""
    cells = [
        {
            "cell_type": "code",
            "execution_count": number,
            "metadata": {"tags": ["train"]},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["loss 0.7\n"]}],
            "source": source.splitlines(keepends=True),
        }
        for number, source in enumerate(sources, start=1)
    ]
    document = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4,
                "nbformat_minor": 5}  # fmt: skip
    style = dump or {"indent": 1, "sort_keys": True, "ensure_ascii": False}
    return json.dumps(document, **style) + "\n"


NOTEBOOK_CELLS = (
    "%matplotlib inline\nimport torch\nimport torch.nn.functional as F\n",
    "!nvidia-smi\nlp = torch.log(F.softmax(z, dim=1))  # caf\u00e9\nprint(lp)\n",
)


def test_notebook_fixes_are_written_back_cell_by_cell(project):
    text = nbformat_notebook(*NOTEBOOK_CELLS)
    (project / "train.ipynb").write_text(text, encoding="utf-8")
    (found,) = json.loads(lint("train.ipynb", "--format", "json").output)["diagnostics"]
    assert (found["code"], found["cell"], found["line"], found["fixable"]) == ("WCE102", 2, 2, True)
    diff = lint("train.ipynb", "--diff")
    assert diff.exit_code == 1
    assert '+    "lp = F.log_softmax(z, dim=1)  # caf\u00e9\\n",' in diff.output
    result = lint("train.ipynb", "--fix")
    assert result.output.splitlines()[-1] == (
        "Found 1 finding (1 fixed, 0 remaining). Checked 1 file."
    )
    fixed = (project / "train.ipynb").read_text(encoding="utf-8")
    expected = json.loads(text)
    expected["cells"][1]["source"][1] = "lp = F.log_softmax(z, dim=1)  # caf\u00e9\n"
    assert fixed == json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert lint("train.ipynb").output == "No findings. Checked 1 file.\n"


def test_a_notebook_whose_json_cannot_be_rewritten_exactly_is_not_said_fixable(project):
    text = nbformat_notebook(*NOTEBOOK_CELLS, separators=(",", ":"))
    (project / "train.ipynb").write_text(text)
    (found,) = json.loads(lint("train.ipynb", "--format", "json").output)["diagnostics"]
    assert (found["code"], found["fixable"]) == ("WCE102", False)
    assert lint("train.ipynb", "--fix").exit_code == 1
    assert (project / "train.ipynb").read_text() == text


def test_cache_dir_option_moves_the_cache(project):
    (project / "train.py").write_text(BUGGY)
    result = CliRunner().invoke(main, ["lint", "train.py", "--cache-dir", "elsewhere"])
    assert result.exit_code == 1
    assert any(path.is_file() for path in (project / "elsewhere").rglob("*"))
    assert not (project / ".cache").exists()  # WCE_GUARD_CACHE_DIR, which the option overrides
    shown = CliRunner().invoke(main, ["lint", "--show-settings", "--cache-dir", "x", "train.py"])
    assert "cache: x" in shown.stdout.splitlines()


def test_full_output_shows_the_source_and_a_caret_under_the_finding(project):
    (project / "train.py").write_text(BUGGY)
    result = lint("train.py", "--output-format", "full", "--select", "WCE101")
    assert result.exit_code == 1
    assert result.output.split("\n\n")[0].splitlines() == [
        "train.py:4:8: WCE101 cross_entropy is given softmax output, but it applies "
        "log-softmax itself: pass the logits (the softmax's input) instead (softmax at line 3)",
        "  |",
        "3 | probs = F.softmax(model(x), dim=1)",
        "4 | loss = F.cross_entropy(probs, y)",
        "  |        ^^^^^^^^^^^^^^^^^^^^^^^^^ WCE101",
        "  = softmax: train.py:3:9",
    ]
    assert result.output.endswith("\n\nFound 1 finding. Checked 1 file.\n")
    assert lint("train.py", "--format", "concise").output == lint("train.py").output


ANSI = "\x1b["


def test_colour_on_a_terminal_and_never_with_no_color(project, monkeypatch):
    (project / "train.py").write_text(BUGGY)
    run = CliRunner().invoke
    assert ANSI not in run(main, ["lint", "--no-cache", "train.py"]).output  # not a terminal
    coloured = run(main, ["lint", "--no-cache", "train.py"], color=True).output
    assert ANSI in coloured
    assert click.unstyle(coloured) == lint("train.py").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI not in run(main, ["lint", "--no-cache", "train.py"], color=True).output
    monkeypatch.delenv("NO_COLOR")
    run(main, ["lint", "--no-cache", "train.py", "-o", "out.txt"], color=True)
    assert ANSI not in (project / "out.txt").read_text()
    json_output = run(main, ["lint", "--no-cache", "train.py", "--format", "json"], color=True)
    assert ANSI not in json_output.output


def test_add_noqa_suppresses_each_finding_on_its_line(project):
    source = (
        BUGGY.replace("probs, y)\n", "probs, y)  # noqa: E501\n")
        + "loss2 = F.cross_entropy(\n    F.softmax(z, 1), y\n)\n"
    )
    (project / "train.py").write_text(source)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--add-noqa", "train.py"])
    assert (result.exit_code, result.stderr) == (0, "Added 3 noqa comments.\n")
    lines = (project / "train.py").read_text().splitlines()
    assert lines[3] == "loss = F.cross_entropy(probs, y)  # noqa: E501, WCE101"
    assert lines[4] == "lp = torch.log(F.softmax(z, dim=1))  # noqa: WCE102"
    assert lines[6] == "loss2 = F.cross_entropy(  # noqa: WCE101"
    compile("\n".join(lines), "train.py", "exec")
    assert lint("train.py").output == "No findings. Checked 1 file.\n"
    again = CliRunner().invoke(main, ["lint", "--no-cache", "--add-noqa", "train.py"])
    assert again.stderr == "Added 0 noqa comments.\n"


def test_add_noqa_leaves_unreadable_files_and_refuses_fix(project):
    (project / "bad.py").write_text("def f(:\n")
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--add-noqa", "bad.py"])
    assert result.exit_code == 1  # WCE001 is not suppressed
    assert (project / "bad.py").read_text() == "def f(:\n"
    assert lint("--add-noqa", "--fix", "bad.py").exit_code == 2


def test_junit_output_is_a_failed_case_per_finding(project):
    from xml.etree import ElementTree

    (project / "a.py").write_text(BUGGY)
    (project / "b.py").write_text(BUGGY.replace("probs, y)", "probs, y)  # noqa: WCE101"))
    result = lint(".", "--output-format", "junit")
    assert result.exit_code == 1
    root = ElementTree.fromstring(result.output)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "3")
    suites = {suite.get("name"): suite for suite in root}
    assert sorted(suites) == ["a.py", "b.py"]
    cases = [(c.get("name"), c.get("line")) for c in suites["a.py"].iter("testcase")]
    assert cases == [("wce-guard.WCE101", "4"), ("wce-guard.WCE102", "5")]
    failure = next(suites["b.py"].iter("failure"))
    assert failure.get("message").startswith("log of a softmax")
    (project / "a.py").write_text("x = 1\n")
    (project / "b.py").write_text("x = 1\n")
    clean = ElementTree.fromstring(lint(".", "--format", "junit").output)
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")


def test_gitlab_code_quality_output(project):
    (project / "src").mkdir()
    (project / "src" / "a.py").write_text(BUGGY + BUGGY.split("\n", 2)[2])
    result = lint(".", "--output-format", "gitlab")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert [i["check_name"] for i in issues] == ["WCE101", "WCE102", "WCE101", "WCE102"]
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "src/a.py"
    assert issues[0]["location"]["lines"] == {"begin": 4, "end": 4}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 4  # the same finding twice: two fingerprints
    assert [i["fingerprint"] for i in json.loads(lint(".", "--format", "gitlab").output)] == (
        fingerprints
    )  # stable from run to run


def flake8(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "WCE", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_flake8_plugin_reports_the_findings(project):
    (project / "train.py").write_text(BUGGY)
    result = flake8("train.py")
    assert result.returncode == 1, result.stderr
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        ["train.py:4:8:", "WCE101"],
        ["train.py:5:6:", "WCE102"],
    ]


def test_flake8_plugin_follows_the_configuration_and_flake8_noqa(project):
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nignore = ["WCE102"]\n')
    (project / "train.py").write_text(BUGGY)
    assert [line.split()[1] for line in flake8("train.py").stdout.splitlines()] == ["WCE101"]
    (project / "train.py").write_text(BUGGY.replace("probs, y)\n", "probs, y)  # noqa: WCE101\n"))
    assert flake8("train.py").returncode == 0
