"""Where a ``# noqa: CODE`` comment goes to suppress one finding, and the text with it added.

A finding is suppressed by a ``# noqa`` on any line it spans (``engine._suppressed``). The
comment goes on the first of those lines where a comment can end the line: not a line that
ends inside a string (a triple-quoted one that goes on) or with a backslash continuation.
A line that already has a ``# noqa: CODES`` comment gets the code added to its list, since
only the first ``noqa`` of a line is read.
"""

from __future__ import annotations

import io
import re
import tokenize

from wce_guard.lint.rule import Diagnostic

# A line and its ending, as Python and editors count lines (\r\n, \r or \n; not \f or \v).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NOQA_CODES = re.compile(r"#\s*noqa:\s*[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*", re.IGNORECASE)


def with_noqa(text: str, diagnostic: Diagnostic) -> str | None:
    """``text`` with a ``# noqa`` for ``diagnostic`` (a finding of this text); None when no line
    of the finding can take one, or the text does not tokenize."""
    if diagnostic.code == "WCE001":
        return None  # a file that cannot be read is reported whatever its comments say
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text, newline="").readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    continued: set[int] = set()  # lines a token goes on from (inside a multi-line string)
    comments: dict[int, tokenize.TokenInfo] = {}
    for token in tokens:
        continued.update(range(token.start[0], token.end[0]))
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token
    lines = LINE.findall(text)
    for number in range(diagnostic.line, min(diagnostic.end_line, len(lines)) + 1):
        body = lines[number - 1].rstrip("\r\n")
        ending = lines[number - 1][len(body) :]
        if number in continued or body.rstrip().endswith("\\"):
            continue
        comment = comments.get(number)
        listed = _NOQA_CODES.search(comment.string) if comment is not None else None
        if comment is not None and listed is not None:
            end = comment.start[1] + listed.end()
            body = f"{body[:end]}, {diagnostic.code}{body[end:]}"
        else:
            body = f"{body.rstrip()}  # noqa: {diagnostic.code}"
        lines[number - 1] = body + ending
        return "".join(lines)
    return None
