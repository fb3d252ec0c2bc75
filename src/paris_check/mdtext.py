"""Plain text made safe for Markdown: one escaping rule for every Markdown the tool writes.

Questionnaire text (names, recommendations, evidence, file names) must never become Markdown or
HTML markup: no links, images, raw tags, emphasis or strikethrough, and no table cell breaks.
"""

from __future__ import annotations

from typing import Any

# Every character that starts inline Markdown or GitHub-flavoured Markdown markup (emphasis,
# code, links and images, raw HTML, table cells, strikethrough). The text never starts a line of
# the output, so block markers (lists, headings) need no escape beyond '#'.
_SPECIAL = "\\`*_{}[]<>#!|~"


def md_escape(text: Any) -> str:
    """``text`` on one line, with every Markdown-special character backslash-escaped."""
    s = " ".join(str(text if text is not None else "").split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in s)
