"""wce-guard lint / rules / explain: paths, formats, exit codes, options, suppression, config."""

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from wce_guard.cli import main
from wce_guard.lint.rules import ALL_RULES

BUGGY = (
    "import torch\n"
    "import torch.nn.functional as F\n"
    "probs = F.softmax(model(x), dim=1)\n"
    "loss = F.cross_entropy(probs, y)\n"
    "lp = torch.log(F.softmax(z, dim=1))\n"
    "accuracy = (probs.argmax(1) == y).float().mean()\n"  # so WCE101 cannot drop the softmax
)
SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text())


def lint(*args, input=None):
    return CliRunner().invoke(main, ["lint", "--no-cache", *args], input=input)


def test_findings_exit_1_and_text_format(project):
    (project / "train.py").write_text(BUGGY)
    result = lint("train.py")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "train.py:4:8: WCE101 cross_entropy is given softmax output, but it applies "
        "log-softmax itself: pass the logits (the softmax's input) instead (softmax at line 3)",
        "train.py:5:6: WCE102 log of a softmax underflows to -inf for small probabilities: "
        "use log_softmax with the same dim [fixable]",
        "Found 2 findings (1 fixable with --fix). Checked 1 file.",
    ]


def test_clean_exit_0(project):
    (project / "ok.py").write_text("import torch\nx = torch.ones(3)\n")
    result = lint(".")
    assert (result.exit_code, result.output) == (0, "No findings. Checked 1 file.\n")


def test_exit_zero(project):
    (project / "train.py").write_text(BUGGY)
    assert lint("train.py", "--exit-zero").exit_code == 0


def test_usage_errors_exit_2(project):
    assert lint("--format", "xml").exit_code == 2
    assert lint("--select", "WCE9").exit_code == 2
    assert "not a rule code or prefix" in lint("--select", "WCE9").output


def test_folders_skip_virtualenvs_git_ignored_and_caches(project):
    for folder in [".git", ".venv", "build", "__pycache__", "node_modules", "myenv", "src"]:
        (project / folder).mkdir()
        (project / folder / "train.py").write_text(BUGGY)
    (project / "myenv" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / ".gitignore").write_text("build/\n")
    result = lint(".", "--format", "json")
    paths = {d["path"] for d in json.loads(result.output)["diagnostics"]}
    assert paths == {os.path.join("src", "train.py")}


def test_configured_excludes_and_per_file_ignores(project):
    (project / "pyproject.toml").write_text(
        "[tool.wce-guard]\n"
        'exclude = ["generated/*"]\n'
        '[tool.wce-guard.per-file-ignores]\n"tests/*" = ["WCE1"]\n'
    )
    for folder in ["generated", "tests", "src"]:
        (project / folder).mkdir()
        (project / folder / "train.py").write_text(BUGGY)
    result = lint(".", "--format", "json")
    paths = {d["path"] for d in json.loads(result.output)["diagnostics"]}
    assert paths == {os.path.join("src", "train.py")}


def test_select_and_ignore_by_code_and_prefix(project):
    (project / "train.py").write_text(BUGGY)

    def codes(*options):
        output = json.loads(lint("train.py", "--format", "json", *options).output)
        return sorted(d["code"] for d in output["diagnostics"])

    assert codes() == ["WCE101", "WCE102"]
    assert codes("--select", "WCE102") == ["WCE102"]
    assert codes("--select", "WCE1", "--ignore", "WCE101") == ["WCE102"]
    assert codes("--ignore", "wce1") == []


def test_configured_select(project):
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nselect = ["WCE101"]\n')
    (project / "train.py").write_text(BUGGY)
    output = json.loads(lint("train.py", "--format", "json").output)
    assert [d["code"] for d in output["diagnostics"]] == ["WCE101"]


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ('[tool.wce-guard]\nselct = ["WCE1"]\n', "unknown key 'selct'"),
        ("[tool.wce-guard]\nselect = 3\n", "select must be a string or a list of strings"),
        ('[tool.wce-guard]\nignore = ["WCE999"]\n', "'WCE999' is not a rule code"),
        ("[tool.wce-guard]\nselect = [\n", "cannot read it"),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(project, table, named):
    (project / "pyproject.toml").write_text(table)
    (project / "train.py").write_text(BUGGY)
    result = lint("train.py")
    assert result.exit_code == 2
    assert named in result.output


def test_configuration_is_found_upward_from_the_path(project):
    (project / "pyproject.toml").write_text('[tool.wce-guard]\nignore = ["WCE102"]\n')
    (project / "pkg" / "sub").mkdir(parents=True)
    (project / "pkg" / "sub" / "train.py").write_text(BUGGY)
    os.chdir("/")
    result = lint(str(project / "pkg" / "sub"), "--format", "json")
    assert [d["code"] for d in json.loads(result.output)["diagnostics"]] == ["WCE101"]


@pytest.mark.parametrize(
    "comment",
    ["# noqa: WCE101", "# noqa", "# NOQA:WCE101,WCE102", "# wce-guard: ignore[WCE101]"],
)
def test_suppression_comments(project, comment):
    (project / "train.py").write_text(BUGGY.replace("probs, y)\n", f"probs, y)  {comment}\n"))
    output = json.loads(lint("train.py", "--format", "json").output)
    assert [d["code"] for d in output["diagnostics"]] == ["WCE102"]


def test_suppression_of_another_code_does_not_hide(project):
    (project / "train.py").write_text(BUGGY.replace("probs, y)\n", "probs, y)  # noqa: WCE102\n"))
    output = json.loads(lint("train.py", "--format", "json").output)
    assert sorted(d["code"] for d in output["diagnostics"]) == ["WCE101", "WCE102"]


def test_ignore_file_comment(project):
    (project / "train.py").write_text("# wce-guard: ignore-file\n" + BUGGY)
    assert lint("train.py").exit_code == 0


def test_json_format_follows_the_design_schema(project):
    (project / "train.py").write_text(BUGGY)
    output = json.loads(lint("train.py", "--format", "json").output)
    assert output["files_checked"] == 1
    assert output["diagnostics"][0] == {
        "path": "train.py",
        "line": 4,
        "column": 8,
        "end_line": 4,
        "end_column": 33,
        "code": "WCE101",
        "name": "softmax-into-cross-entropy",
        "message": output["diagnostics"][0]["message"],
        "fixable": False,
        "related": [["softmax", "train.py", 3, 9]],
    }


def test_sarif_is_valid_sarif_2_1_0(project):
    (project / "train.py").write_text(BUGGY)
    (project / "broken.py").write_text("def f(:\n")
    document = json.loads(lint(".", "--format", "sarif").output)
    jsonschema.validate(document, SCHEMA)
    driver = document["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    results = document["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"WCE001", "WCE101", "WCE102"}
    (softmax,) = next(r for r in results if r["ruleId"] == "WCE101")["relatedLocations"]
    assert softmax["message"]["text"] == "softmax"
    assert softmax["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 9}


def test_sarif_without_findings_is_valid(project):
    (project / "ok.py").write_text("x = 1\n")
    jsonschema.validate(json.loads(lint("ok.py", "--format", "sarif").output), SCHEMA)


def test_github_format(project):
    (project / "train.py").write_text(BUGGY)
    lines = lint("train.py", "--format", "github").output.splitlines()
    assert lines[0].startswith("::warning file=train.py,line=4,col=8,endLine=4,endColumn=33,")
    assert "title=WCE101 softmax-into-cross-entropy::WCE101 cross_entropy is given" in lines[0]


def test_statistics(project):
    (project / "a.py").write_text(BUGGY)
    (project / "b.py").write_text(BUGGY)
    result = lint(".", "--statistics")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "    2  WCE101  softmax-into-cross-entropy",
        "    2  WCE102  log-of-softmax  (2 fixable)",
    ]


def test_standard_input_with_a_filename(project):
    result = lint("-", "--stdin-filename", "src/train.py", input=BUGGY)
    assert result.exit_code == 1
    assert result.output.startswith("src/train.py:4:8: WCE101")


def test_fix_writes_and_second_fix_changes_nothing(project):
    path = project / "train.py"
    path.write_text(BUGGY + "# the end\n")
    result = lint("train.py", "--fix")
    assert result.exit_code == 1  # WCE101 is not fixable here: still reported
    fixed = path.read_text()
    assert "lp = F.log_softmax(z, dim=1)\n" in fixed
    assert fixed.endswith("# the end\n")
    lint("train.py", "--fix")
    assert path.read_text() == fixed


def test_diff_prints_and_writes_nothing(project):
    path = project / "train.py"
    path.write_text(BUGGY)
    result = lint("train.py", "--diff")
    assert result.output.splitlines()[:2] == ["--- a/train.py", "+++ b/train.py"]
    assert "-lp = torch.log(F.softmax(z, dim=1))" in result.output
    assert "+lp = F.log_softmax(z, dim=1)" in result.output
    assert path.read_text() == BUGGY


def test_fix_on_standard_input_prints_the_fixed_code(project):
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", "-"], input=BUGGY)
    assert "lp = F.log_softmax(z, dim=1)\n" in result.stdout


def test_fix_keeps_bom_and_line_endings(project):
    path = project / "train.py"
    path.write_bytes(b"\xef\xbb\xbf" + BUGGY.replace("\n", "\r\n").encode())
    lint("train.py", "--fix")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfimport torch\r\n")
    assert b"lp = F.log_softmax(z, dim=1)\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_fix_keeps_a_declared_encoding(project):
    path = project / "train.py"
    source = "# -*- coding: latin-1 -*-\n# caf\xe9\n" + BUGGY
    path.write_bytes(source.encode("latin-1"))
    lint("train.py", "--fix")
    fixed = path.read_bytes().decode("latin-1")
    assert fixed.startswith("# -*- coding: latin-1 -*-\n# caf\xe9\n")
    assert "lp = F.log_softmax(z, dim=1)\n" in fixed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"def f(:\n    pass\n", "syntax error"),
        (b"import torch\nx = F.softmax(\n", "syntax error"),
        (b"x = '\xff\xfe'\n", "not valid utf-8 at byte"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"# -*- coding: klingon -*-\nx = 1\n", "encoding"),
        (b"x = " + b"(" * 5000 + b")" * 5000 + b"\n", "nest"),
        (b"import torch\nx = F.softmax(" + b"(" * 5000 + b")" * 5000 + b")\n", "nested"),
        (b"x = " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nest"),
        ("import torch\nx = 1\n".encode("utf-16"), "utf-16 text, which python cannot run"),
        ("x = 1\n".encode("utf-32"), "utf-32 text"),
        (b"x = 1\n\x00y = 2\n", "binary file"),
    ],
    ids=[
        "syntax",
        "syntax-parsed",
        "undecodable",
        "binary",
        "unknown-encoding",
        "deep",
        "deep-parsed",
        "10000-deep",
        "utf-16",
        "utf-32",
        "nul-byte",
    ],
)
def test_unreadable_files_are_wce001_and_the_run_goes_on(project, content, message):
    (project / "bad.py").write_bytes(content)
    (project / "train.py").write_text(BUGGY)
    result = lint(".", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["diagnostics"]
    bad = [d for d in found if d["path"] == "bad.py"]
    assert [d["code"] for d in bad] == ["WCE001"]
    assert message in bad[0]["message"].lower()
    assert {d["code"] for d in found if d["path"] == "train.py"} == {"WCE101", "WCE102"}
    assert "Traceback" not in result.output


def test_a_file_over_the_size_limit_is_wce001_without_being_read(project):
    big = project / "generated.py"
    with big.open("w") as file:  # 50 MB of Python: Python's own parser would take 10 GB
        line = "x = [1, 2, 3]  # generated\n" * 1000
        for _ in range(50 * 2**20 // len(line) + 1):
            file.write(line)
    (project / "train.py").write_text(BUGGY)
    found = json.loads(lint(".", "--format", "json").output)["diagnostics"]
    message = next(d["message"] for d in found if d["path"] == "generated.py")
    assert "it is 50.0 MB, over the 2 MB limit for one file" in message
    assert "max-file-size" in message
    assert {d["code"] for d in found if d["path"] == "train.py"} == {"WCE101", "WCE102"}


def test_max_file_size_is_configurable(project):
    (project / "train.py").write_text(BUGGY)
    (project / "pyproject.toml").write_text("[tool.wce-guard]\nmax-file-size = 0.0001\n")
    found = json.loads(lint(".", "--format", "json").output)["diagnostics"]
    assert [d["code"] for d in found] == ["WCE001"]
    assert "over the 0.0001 MB limit" in found[0]["message"]
    (project / "pyproject.toml").write_text("[tool.wce-guard]\nmax-file-size = 'big'\n")
    result = lint(".")
    assert result.exit_code == 2
    assert "max-file-size must be a positive number of megabytes" in result.output


def test_missing_file_and_unreadable_file(project):
    (project / "secret.py").write_text(BUGGY)
    (project / "secret.py").chmod(0)
    found = json.loads(lint("missing.py", "secret.py", "--format", "json").output)["diagnostics"]
    messages = {d["path"]: d["message"] for d in found}
    assert "no such file" in messages["missing.py"]
    if os.geteuid() != 0:  # root reads anything
        assert "permission denied" in messages["secret.py"]


def test_rules_command_text_and_json():
    text = CliRunner().invoke(main, ["rules"]).output
    assert [line.split()[0] for line in text.splitlines()] == [r.code for r in ALL_RULES]
    entries = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert [e["code"] for e in entries] == [r.code for r in ALL_RULES]
    assert set(entries[0]) == {"code", "name", "summary", "fix_availability"}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_explain_prints_the_rule_docs(rule):
    result = CliRunner().invoke(main, ["explain", rule.code.lower()])
    assert result.exit_code == 0
    assert result.output.strip() == rule.docs().strip()


def test_explain_unknown_code():
    result = CliRunner().invoke(main, ["explain", "WCE999"])
    assert result.exit_code == 2
    assert "no rule 'WCE999'" in result.output


def test_readme_rule_table_equals_the_registry():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    row = r"^\| `(WCE\d+)` \| `([a-z0-9-]+)` \| (.+?) \| (always|sometimes|never) \|$"
    rows = re.findall(row, readme, re.M)
    assert rows == [
        (rule.code, rule.name, rule.summary, rule.fix_availability) for rule in ALL_RULES
    ]


def test_internal_failure_exits_2_and_names_the_file(project, monkeypatch):
    from wce_guard.lint import engine

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "lint_text", broken)
    (project / "train.py").write_text(BUGGY)
    result = lint("train.py", "--jobs", "1")
    assert result.exit_code == 2
    assert "wce-guard: train.py: internal error: RuntimeError: boom" in result.output


def test_a_softmax_layer_in_another_file_is_named_where_it_is(project):
    (project / "train.py").write_text(
        "import torch.nn as nn\n"
        "from utils import fit\n"
        "\n"
        "model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\n"
        "fit(model, x, y)\n"
    )
    (project / "utils.py").write_text(
        "import torch.nn.functional as F\n\n\ndef fit(model, x, y):\n"
        "    return F.cross_entropy(model(x), y)\n"
    )
    output = json.loads(lint(".", "--format", "json").output)
    (finding,) = output["diagnostics"]
    assert finding["related"] == [["softmax", "train.py", 4, 40]]  # nn.Softmax(dim=1)
    assert finding["message"].endswith("(softmax at train.py:4)")
