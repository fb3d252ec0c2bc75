"""The translatable messages of the report and of the questionnaire.

Report messages are extracted with Babel from the templates, the report modules and
:mod:`paris_check.wording` (which words explanations and status reasons for every output).

Used by ``scripts/update_po.py`` (to create and refresh ``report.po``, ``questions.po`` and
``standards.po``) and by
the translation-completeness test, so both always agree on what must be translated.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import citations
from ..i18n import norm
from ..questionnaire.catalogue import sections
from ..scoring import DISCLAIMER, METHOD

REPORT_DIR = Path(__file__).resolve().parent
WORDING = REPORT_DIR.parent / "wording.py"  # explanations, answers and status reasons in words
#: A msgid: the English text, or (singular, plural) for a plural message (``ngettext``).
MsgId = str | tuple[str, str]
Message = tuple[str | None, MsgId]  # (msgctxt, msgid)

CONTEXTUAL: tuple[Message, ...] = (
    ("punctuation", ":"),  # ': ' in English, ' : ' in French
    ("punctuation", ";"),  # '; ' in English, ' ; ' in French
    ("punctuation", ","),  # ', ' in English, '، ' in Arabic
    ("values", "one of"),  # before a list of three or more accepted answers
    *citations.MESSAGES,  # "GO %(num)s" -> "OG %(num)s": how each language cites a standard
)
TRI_VALUES = ("yes", "partly", "no", "unknown")
# ``ngettext(tr, singular, plural, n)`` in the report's Python code (context.ngettext)
KEYWORDS = {"_": None, "gettext": None, "g": None, "ngettext": (2, 3)}
JINJA_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def _extract(path: Path, method: str) -> Iterator[MsgId]:
    from babel.messages.extract import extract_from_file

    options = {"extensions": "jinja2.ext.i18n", "trimmed": "false"} if method != "python" else {}
    fn = "jinja2.ext:babel_extract" if method == "jinja2" else "python"
    keywords = JINJA_KEYWORDS if method == "jinja2" else KEYWORDS
    for _lineno, msg, _comments, _ctx in extract_from_file(fn, str(path), keywords=keywords,
                                                            options=options):
        if isinstance(msg, tuple):  # ngettext: (singular, plural), kept as one plural entry
            if len(msg) == 2 and all(isinstance(t, str) and t for t in msg):
                yield (norm(msg[0]), norm(msg[1]))
        elif isinstance(msg, str) and msg:
            yield norm(msg)


def report_messages() -> list[Message]:
    """Every report-chrome msgid (no context), in first-seen order."""
    seen: dict[MsgId, None] = {}
    for tpl in sorted((REPORT_DIR / "templates").glob("*.j2")):
        for msg in _extract(tpl, "jinja2"):
            seen.setdefault(msg)
    for py in [*sorted(REPORT_DIR.glob("*.py")), WORDING]:
        if py.name == "messages.py":
            continue
        for msg in _extract(py, "python"):
            seen.setdefault(msg)
    for msg in (norm(DISCLAIMER), norm(METHOD)):
        seen.setdefault(msg)
    return [(None, m) for m in seen] + list(CONTEXTUAL)


def standards_messages() -> list[Message]:
    """Titles, summaries and notes of the standards catalogue, and instrument titles.

    msgctxt ``std:<ID>.title`` / ``std:<ID>.summary`` / ``std:<ID>.note`` and
    ``instrument:<CODE>.title``; the references annex shows all of them.
    """
    from ..standards import instruments, standards

    out: dict[Message, None] = {}
    for code, inst in instruments().items():
        out.setdefault((f"instrument:{code}.title", norm(inst["title"])))
    for std in standards().values():
        out.setdefault((f"std:{std.id}.title", norm(std.title)))
        if std.summary.strip():
            out.setdefault((f"std:{std.id}.summary", norm(std.summary)))
        if std.note and std.note.strip():
            out.setdefault((f"std:{std.id}.note", norm(std.note)))
    return list(out)


def question_messages() -> list[Message]:
    """Section titles, question labels and help texts, choice values: (msgctxt, msgid)."""
    out: dict[Message, None] = {}
    choices: dict[str, None] = {}
    for s in sections():
        out.setdefault((f"section:{s.id}.title", norm(s.title)))
        for q in s.questions:
            out.setdefault((f"{q.id}.label", norm(q.label)))
            if q.help.strip():
                out.setdefault((f"{q.id}.help", norm(q.help)))
            for c in q.choices:
                choices.setdefault(c)
    for c in (*TRI_VALUES, *choices):
        out.setdefault((f"choice:{c}", c.replace("_", " ")))
    return list(out)


def rule_messages() -> dict[str, list[Message]]:
    """Every pack's and rule's translatable text, per pack (one ``rules-<pack>.po`` each)."""
    from ..packs import load_bundled

    out: dict[str, list[Message]] = {}
    for pack in load_bundled().packs:
        msgs: list[Message] = [(f"pack:{pack.name}.title", norm(pack.spec.title)),
                               (f"pack:{pack.name}.description", norm(pack.spec.description))]
        for rule in pack.rules:
            for field in ("title", "finding", "recommendation", "rationale"):
                text = getattr(rule.spec, field)
                if text:
                    msgs.append((f"{rule.code}.{field}", norm(text)))
        out[pack.name] = msgs
    return out
