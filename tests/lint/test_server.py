"""``wce-guard server`` tested as an editor uses it: a process spoken to in JSON-RPC with
Content-Length framing on its standard input and output."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wce_guard.cli import main

TIMEOUT = 20  # seconds for any one answer: a hang fails the test instead of blocking it

BUGGY = "import torch.nn.functional as F\nloss = F.cross_entropy(logits.softmax(dim=1), y)\n"
CORRECT = "import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)\n"


class Client:
    """An editor's side of the protocol: requests, notifications, and the messages the
    server sends, read on a thread so that every wait has a deadline."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        # A file, not a pipe, which would fill up unread; closed with the client.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wce_guard", "server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors,
            cwd=cwd, env=env,
        )  # fmt: skip
        self._inbox: queue.Queue[dict | None] = queue.Queue()
        self._notifications: list[dict] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline().strip()) != b"":
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" not in headers:  # the server closed its output
                self._inbox.put(None)
                return
            self._inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _receive(self, deadline: float) -> dict:
        try:
            message = self._inbox.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            raise AssertionError(f"no message from the server in {TIMEOUT} s") from None
        assert message is not None, f"the server closed its output; it said: {self.stderr()}"
        if "method" in message and "id" in message:  # a request to the editor: accept it
            self._send({"id": message["id"], "result": None})
        return message

    def stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def notify(self, method: str, params: dict | None = None) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None):
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == self._next_id and "method" not in message:
                assert "error" not in message, message["error"]
                return message["result"]
            if "id" not in message:
                self._notifications.append(message)

    def notification(self, method: str) -> dict:
        """The params of the next notification ``method``, in the order they were sent."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, message in enumerate(self._notifications):
                if message["method"] == method:
                    return self._notifications.pop(index)["params"]
            message = self._receive(deadline)
            if "id" not in message:
                self._notifications.append(message)

    def diagnostics(self, uri: str) -> list[dict]:
        params = self.notification("textDocument/publishDiagnostics")
        assert params["uri"] == uri
        return params["diagnostics"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    return tmp_path


@pytest.fixture
def client(project: Path, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("pygls", reason="the server extra is not installed")
    # A torch that cannot be imported first on the path: the server, as the linter, must
    # never import it.
    shadow = tmp_path_factory.mktemp("no_torch")
    (shadow / "torch").mkdir()
    (shadow / "torch" / "__init__.py").write_text("raise ImportError('torch was imported')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow), *sys.path])}
    client = Client(project, env)
    try:
        client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": project.as_uri(), "capabilities": {}},
        )
        client.notify("initialized", {})
        yield client
    finally:
        if client.process.poll() is None:
            client.process.kill()
        client.process.wait(timeout=TIMEOUT)
        for stream in (client.process.stdin, client.process.stdout, client.errors):
            stream.close()


def open_document(client: Client, path: Path, text: str) -> list[dict]:
    path.write_text(text)
    document = {"uri": path.as_uri(), "languageId": "python", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    return client.diagnostics(path.as_uri())


def change_document(client: Client, path: Path, text: str, version: int) -> list[dict]:
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": version},
            "contentChanges": [{"text": text}],
        },
    )
    return client.diagnostics(path.as_uri())


def apply(text: str, edits: list[dict]) -> str:
    """Text edits applied as an editor does: positions in UTF-16 code units, all edits
    relative to the text before any of them."""
    lines = text.splitlines(keepends=True)

    def offset(position: dict) -> int:
        before = sum(len(line) for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = line.encode("utf-16-le")[: 2 * position["character"]]
        return before + len(units.decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def code_actions(client: Client, path: Path, diagnostic: dict) -> dict[str, dict]:
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    return {action["title"]: action for action in actions}


def lint_fix(path: Path) -> str:
    """The text ``wce-guard lint --fix`` makes of the file (it is changed in place)."""
    CliRunner().invoke(main, ["lint", "--fix", "--no-cache", str(path)])
    return path.read_text()


def test_an_editor_session_publishes_fixes_and_explains(client: Client, project: Path):
    path = project / "train.py"
    (diagnostic,) = open_document(client, path, BUGGY)
    line = BUGGY.splitlines()[1]
    assert diagnostic["code"] == "WCE101"
    assert diagnostic["source"] == "wce-guard"
    assert diagnostic["range"] == {
        "start": {"line": 1, "character": line.index("F.cross_entropy")},
        "end": {"line": 1, "character": len(line)},
    }

    actions = code_actions(client, path, diagnostic)
    assert set(actions) == {
        "Fix WCE101 (softmax-into-cross-entropy)",
        "Suppress WCE101 with # noqa",
        "Fix all wce-guard findings",
    }
    fix = actions["Fix WCE101 (softmax-into-cross-entropy)"]
    assert fix["kind"] == "quickfix" and fix["diagnostics"] == [diagnostic]
    fixed = apply(BUGGY, fix["edit"]["changes"][path.as_uri()])
    assert fixed == lint_fix(path) == CORRECT
    fix_all = actions["Fix all wce-guard findings"]
    assert fix_all["kind"] == "source.fixAll.wce-guard"
    assert apply(BUGGY, fix_all["edit"]["changes"][path.as_uri()]) == CORRECT

    explained = CliRunner().invoke(main, ["explain", "WCE101"]).output
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": path.as_uri()}, "position": diagnostic["range"]["start"]},
    )
    assert hover["contents"] == {"kind": "markdown", "value": explained.rstrip("\n")}
    outside = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": path.as_uri()}, "position": {"line": 0, "character": 0}},
    )
    assert outside is None

    assert change_document(client, path, fixed, version=2) == []
    client.request("shutdown")
    client.notify("exit")
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_the_noqa_action_suppresses_the_finding(client: Client, project: Path):
    path = project / "train.py"
    text = BUGGY.replace("y)\n", "y)  # noqa: E501\n")
    (diagnostic,) = open_document(client, path, text)
    noqa = code_actions(client, path, diagnostic)["Suppress WCE101 with # noqa"]
    suppressed = apply(text, noqa["edit"]["changes"][path.as_uri()])
    assert suppressed.splitlines()[1].endswith("y)  # noqa: E501, WCE101")
    assert change_document(client, path, suppressed, version=2) == []


def test_each_quick_fix_fixes_its_own_finding_only(client: Client, project: Path):
    path = project / "train.py"
    text = BUGGY + "aux = F.cross_entropy(aux_logits.softmax(dim=1), y)\n"
    first, second = open_document(client, path, text)
    assert (first["code"], second["code"]) == ("WCE101", "WCE101")
    fix = code_actions(client, path, second)["Fix WCE101 (softmax-into-cross-entropy)"]
    assert fix["diagnostics"] == [second]
    fixed = apply(text, fix["edit"]["changes"][path.as_uri()])
    assert fixed == BUGGY + "aux = F.cross_entropy(aux_logits, y)\n"


MODELS = (
    "import torch\nfrom torch import nn\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.fc = nn.Linear(8, 3)\n"
    "    def forward(self, x):\n"
    "        return self.fc(x).softmax(dim=1)\n"
)


def test_values_are_followed_into_the_files_of_the_project(client: Client, project: Path):
    models, train = project / "models.py", project / "train.py"
    models.write_text(MODELS)
    text = "import torch.nn.functional as F\nfrom models import Net\nF.cross_entropy(Net()(x), y)\n"
    (diagnostic,) = open_document(client, train, text)
    assert diagnostic["code"] == "WCE101"
    softmax = MODELS.splitlines()[7]
    assert diagnostic["relatedInformation"] == [
        {
            "location": {
                "uri": models.as_uri(),
                "range": {
                    "start": {"line": 7, "character": softmax.index("self.fc")},
                    "end": {"line": 7, "character": softmax.index("self.fc")},
                },
            },
            "message": "softmax",
        }
    ]
    # The model changed in the editor: the text not saved yet is what the analysis reads,
    # and the files that use it are linted again when it is saved.
    assert open_document(client, models, MODELS) == []
    assert change_document(client, models, MODELS.replace(".softmax(dim=1)", ""), 2) == []
    client.notify("textDocument/didSave", {"textDocument": {"uri": models.as_uri()}})
    assert client.diagnostics(models.as_uri()) == []
    assert client.diagnostics(train.as_uri()) == []


def test_positions_are_in_utf16_code_units(client: Client, project: Path):
    path = project / "train.py"
    # "🔥" is one character and two UTF-16 code units: the finding starts one unit later.
    text = BUGGY.replace("loss =", 'tag = "🔥"; loss =')
    (diagnostic,) = open_document(client, path, text)
    line = text.splitlines()[1]
    assert diagnostic["range"]["start"] == {
        "line": 1,
        "character": line.index("F.cross_entropy") + 1,
    }
    fix = code_actions(client, path, diagnostic)["Fix WCE101 (softmax-into-cross-entropy)"]
    fixed = apply(text, fix["edit"]["changes"][path.as_uri()])
    assert fixed == lint_fix(path)
    assert "logits.softmax" not in fixed


def test_settings_are_those_of_lint(client: Client, project: Path):
    (project / "pyproject.toml").write_text(
        "[tool.wce-guard]\n"
        "exclude = ['generated/*']\n"
        "per-file-ignores = { 'legacy/*' = ['WCE101'] }\n"
    )
    for folder in ("generated", "legacy"):
        (project / folder).mkdir()
        assert open_document(client, project / folder / "model.py", BUGGY) == []
    (diagnostic,) = open_document(client, project / "train.py", BUGGY)
    assert diagnostic["code"] == "WCE101"


def test_notebooks_and_their_cells_are_not_linted(client: Client, project: Path):
    cell = {"uri": "vscode-notebook-cell:/demo.ipynb#cell1", "languageId": "python"}
    client.notify("textDocument/didOpen", {"textDocument": {**cell, "version": 1, "text": BUGGY}})
    assert client.diagnostics(cell["uri"]) == []
    book = project / "demo.ipynb"
    text = json.dumps({"cells": [{"cell_type": "code", "source": BUGGY}], "nbformat": 4})
    document = {"uri": book.as_uri(), "languageId": "python", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    assert client.diagnostics(book.as_uri()) == []


def test_an_unsaved_buffer_is_linted(client: Client):
    buffer = {"uri": "untitled:Untitled-1", "languageId": "python", "version": 1}
    client.notify("textDocument/didOpen", {"textDocument": {**buffer, "text": BUGGY}})
    assert [d["code"] for d in client.diagnostics(buffer["uri"])] == ["WCE101"]


def test_a_configuration_error_is_shown_to_the_user(client: Client, project: Path):
    (project / "pyproject.toml").write_text("[tool.wce-guard]\nselect = ['WCE999']\n")
    assert open_document(client, project / "train.py", BUGGY) == []
    message = client.notification("window/showMessage")
    assert message["type"] == 1  # Error
    assert "'WCE999' is not a rule code" in message["message"]


def test_exit_without_shutdown_is_status_1(client: Client):
    client.notify("exit")  # the protocol's way to say the editor went away unexpectedly
    assert client.process.wait(timeout=TIMEOUT) == 1


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd,
    )  # fmt: skip


def test_without_pygls_the_server_says_how_to_install_it(tmp_path: Path):
    result = run_python(
        """
        import sys

        class NoPygls:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pygls", "lsprotocol"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)

        sys.meta_path.insert(0, NoPygls())
        from wce_guard.cli import main
        main(["server"], prog_name="wce-guard")
        """,
        tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "pip install 'wce-guard[server]'" in line


def test_lint_does_not_import_the_server(tmp_path: Path):
    (tmp_path / "train.py").write_text(BUGGY)
    result = run_python(
        """
        import sys
        from click.testing import CliRunner
        from wce_guard.cli import main
        outcome = CliRunner().invoke(main, ["lint", "--no-cache", "train.py"])
        assert outcome.exit_code == 1, outcome.output
        print(sorted(name for name in sys.modules if name.startswith(("pygls", "lsprotocol"))))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
