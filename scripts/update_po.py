#!/usr/bin/env python3
"""Create or refresh the .po catalogues (report, questions, standards, statement, rules, web form,
command-line messages) for every language (or those given).

Adds every missing message with an empty msgstr, keeps existing translations (and flags such as
fuzzy), and drops messages that no longer exist. Run after changing templates, questions or
data/standards.yaml:

    .venv/bin/python scripts/update_po.py          # every language under locale/
    .venv/bin/python scripts/update_po.py fr es    # given languages (creates folders)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from paris_check.i18n import cli_messages, locale_dir, norm, plural_index
from paris_check.report.messages import (
    Message,
    question_messages,
    report_messages,
    rule_messages,
    standards_messages,
)
from paris_check.report.statement import statement_messages
from paris_check.web.messages import web_messages

HEADER = """# paris_check: {{name}} ({lang}). Refresh with scripts/update_po.py; edit msgstr only.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"
"Plural-Forms: {plural_forms}\\n"
"""


def _key(context: str | None, msgid: object) -> Message:
    """A message's key: a plural entry is keyed by its (singular, plural) pair."""
    if isinstance(msgid, (tuple, list)):
        return (context, (norm(str(msgid[0])), norm(str(msgid[1]))))
    return (context, norm(str(msgid)))


def _plural_strings(cat: Catalog, msgid: tuple[str, str], context: str | None,
                    old: dict[Message, Any]) -> tuple[tuple[str, ...], Any]:
    """The ``num_plurals`` translations of a plural message, and the entry they come from.

    A plural entry already in the catalogue keeps its forms (padded or cut to the count). A
    message that was two separate entries (the old singular and plural msgids) is migrated:
    the singular's translation goes to the form ``n = 1`` takes (French puts 0 there too), the
    plural's to every other form.
    """
    count = cat.num_plurals
    prev = old.get((context, msgid))
    if prev is not None:
        forms = [str(f or "") for f in prev.string][:count]
        return tuple(forms + [forms[-1] if forms else ""] * (count - len(forms))), prev
    one, other = old.get((context, msgid[0])), old.get((context, msgid[1]))
    one_text = str(getattr(one, "string", "") or "")
    other_text = str(getattr(other, "string", "") or "")
    one_form = plural_index(str(cat.locale))(1)
    forms = tuple(one_text if i == one_form else other_text for i in range(count))
    return forms, one if one is not None else other


def render(path: Path, lang: str, messages: list[Message]) -> tuple[bytes, int]:
    """The catalogue ``path`` should hold for ``messages``, and how many are untranslated.

    Existing translations (and their flags and comments) are kept; gone messages are dropped.
    Plural messages are ``msgid``/``msgid_plural`` entries with the language's
    ``num_plurals`` forms (Babel's CLDR plural rules, also the ``Plural-Forms`` header).
    """
    old: dict[Message, Any] = {}
    if path.exists():
        with path.open("rb") as fh:
            for m in read_po(fh):
                if m.id:
                    old[_key(m.context, m.id)] = m
    cat = Catalog(locale=lang, project="paris_check", charset="utf-8", fuzzy=False)
    missing = 0
    for ctx, msgid in messages:
        string: str | tuple[str, ...]
        if isinstance(msgid, tuple):
            string, prev = _plural_strings(cat, msgid, ctx, old)
            complete = all(f.strip() for f in string)
        else:
            prev = old.get((ctx, msgid))
            string = str(getattr(prev, "string", "") or "")
            complete = bool(string)
        flags = set(getattr(prev, "flags", set()) or ()) - {"python-format"}
        if not complete:
            missing += 1
        cat.add(msgid, string, context=ctx, flags=flags,
                user_comments=list(getattr(prev, "user_comments", []) or []))
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=True, no_location=True, sort_output=False)
    head = HEADER.format(lang=lang, plural_forms=cat.plural_forms).replace("{name}", path.name)
    return head.encode() + b"\n" + buf.getvalue(), missing


def catalogues(langs: list[str] | None = None) -> dict[Path, tuple[str, list[Message]]]:
    """Every catalogue file of every language (or of ``langs``), with its messages."""
    base = locale_dir()
    langs = langs or sorted(p.name for p in base.iterdir() if (p / "LC_MESSAGES").is_dir())
    out: dict[Path, tuple[str, list[Message]]] = {}
    for lang in langs:
        folder = base / lang / "LC_MESSAGES"
        for name, msgs in (("report.po", report_messages()),
                           ("questions.po", question_messages()),
                           ("standards.po", standards_messages()),
                           ("statement.po", statement_messages()),
                           ("web.po", web_messages()),
                           ("cli.po", cli_messages())):
            out[folder / name] = (lang, msgs)
        for pack, msgs in rule_messages().items():
            out[folder / f"rules-{pack}.po"] = (lang, msgs)
    return out


def update(path: Path, lang: str, messages: list[Message]) -> tuple[int, int]:
    """Rewrite ``path`` with ``messages``; returns (messages, untranslated)."""
    data, missing = render(path, lang, messages)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(messages), missing


def main(argv: list[str]) -> int:
    for path, (lang, msgs) in catalogues(argv or None).items():
        total, missing = update(path, lang, msgs)
        if missing or path.name in ("report.po", "questions.po", "standards.po"):
            print(f"{lang}/{path.name}: {total} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
