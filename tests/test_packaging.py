"""The package's import and install contract: the linter side never needs torch."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter where any import of a package fails, as if it were not installed.
WITHOUT = textwrap.dedent(
    """
    import sys

    class Without:
        def find_spec(self, name, path=None, target=None):
            if name == MISSING or name.startswith(MISSING + "."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    sys.meta_path.insert(0, Without())
    """
)


def run_without(package: str, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"MISSING = {package!r}\n" + WITHOUT + textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def run_without_torch(code: str) -> subprocess.CompletedProcess:
    return run_without("torch", code)


def test_linter_and_cli_import_without_torch():
    result = run_without_torch(
        """
        import wce_guard, wce_guard.lint, wce_guard.cli, wce_guard.errors
        from click.testing import CliRunner
        outcome = CliRunner().invoke(wce_guard.cli.main, ["--help"])
        assert outcome.exit_code == 0, outcome.output
        assert "Usage: main" in outcome.output or "Usage:" in outcome.output
        assert "torch" not in sys.modules
        print(wce_guard.__version__)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_runtime_api_without_torch_says_how_to_install_it():
    result = run_without_torch(
        """
        import wce_guard
        try:
            wce_guard.cross_entropy
        except ImportError as error:
            print(error)
        """
    )
    assert result.returncode == 0, result.stderr
    assert "wce_guard.cross_entropy needs PyTorch, which is not installed" in result.stdout
    assert "pip install" in result.stdout


def test_importing_the_linter_does_not_import_torch_even_when_installed():
    code = "import sys, wce_guard.lint, wce_guard.cli; print('torch' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=;\[ ]", requirement)[0] for requirement in requirements}


def test_torch_is_an_optional_extra_with_a_broad_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(dependency.startswith("torch") for dependency in project["dependencies"])
    extra = project["optional-dependencies"]["torch"]
    (torch_requirement,) = [r for r in extra if r.startswith("torch")]
    assert torch_requirement.startswith("torch>=") and "==" not in torch_requirement
    assert project["scripts"]["wce-guard"] == "wce_guard.cli:main"


def test_runtime_only_checkers_are_in_the_torch_extra_not_in_the_linter_install():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _names(project["dependencies"]) == {"click", "libcst", "tomli"}
    assert {"torch", "beartype", "jaxtyping"} <= _names(project["optional-dependencies"]["torch"])


def test_the_linter_and_cli_never_import_beartype_or_jaxtyping():
    code = (
        "import sys, wce_guard, wce_guard.lint, wce_guard.cli\n"
        "from click.testing import CliRunner\n"
        "result = CliRunner().invoke(wce_guard.cli.main, ['lint', '--no-cache', 'examples'])\n"
        "assert result.exit_code == 1, result.output\n"
        "print(sorted(m for m in ('beartype', 'jaxtyping') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_runtime_api_without_the_extra_says_how_to_install_it():
    result = run_without(
        "beartype",
        """
        import wce_guard
        try:
            wce_guard.cross_entropy
        except ImportError as error:
            print(error)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert "wce_guard.cross_entropy needs beartype, which is not installed" in result.stdout
    assert "pip install 'wce-guard[torch]'" in result.stdout


@pytest.mark.parametrize("package", ["torch", "beartype"])
def test_run_without_the_runtime_says_how_to_install_it_in_one_line(package):
    result = run_without(
        package,
        """
        from click.testing import CliRunner
        from wce_guard.cli import main
        outcome = CliRunner().invoke(main, ["run", "train.py"])
        print(outcome.exit_code, outcome.output)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 Error: wce-guard run needs " + package), result.stdout
    assert "Traceback" not in result.stdout


def test_the_test_environment_pins_torch():
    pins = (ROOT / "constraints.txt").read_text().splitlines()
    assert "torch==2.13.0" in pins


def test_python_m_wce_guard_is_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "wce_guard", "--version"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.startswith("wce-guard, version ")
