"""One citation style for the standards rules cite, in every language and every output.

The catalogue IDs (``GO-1.8-R1``, ``PP-A3(a)``, ``VP-12``...) are keys, not citations. People
read "GO 1.8" (French and Spanish "OG 1.8", Arabic "الملاحظة العامة 1.8") or "Paris Principles
A.3(a)", with the catalogue's requirement number, where there is one, as a small suffix ("R1").
Every output formats references here: the report (HTML, PDF, Markdown, DOCX), the terminal
summary and the documentation.

Patterns are translated through the report catalogue (msgctxt ``citation``), so a language
writes its own abbreviations; this module imports nothing heavier than the catalogue reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

CONTEXT = "citation"

# msgid per instrument prefix; ``%(num)s`` is the clause number as written ("1.8", "A.3(a)").
PATTERNS: dict[str, str] = {
    "GO": "GO %(num)s",
    "PP": "Paris Principles %(num)s",
    "VP": "Venice Principles %(num)s",
    "BP": "Belgrade Principles %(num)s",
    "MD": "Marrakech Declaration %(num)s",
    "GA76": "A/RES/76/170",
    "ACC-CRIT": "Accreditation criterion %(num)s",
    "ACC-PN": "Practice Note %(num)s",
    "ACC-DOC": "Application file, item %(num)s",
}
MESSAGES: tuple[tuple[str, str], ...] = tuple((CONTEXT, p) for p in PATTERNS.values())

_GO = re.compile(r"GO-(\d+\.\d+)(?:-(R\d+))?")
_PP = re.compile(r"PP-([A-D])(\d*)((?:\([a-z]+\))*)")
_NUMBERED = re.compile(r"(VP|BP|MD)-([0-9IVX.]+)")
_ACC = re.compile(r"(ACC-CRIT|ACC-DOC)-(\d+)|(ACC-PN)(\d+)")


class _Gettext(Protocol):
    def pgettext(self, context: str, msgid: str) -> str: ...


@dataclass(frozen=True)
class Citation:
    """A reference as people cite it: ``base`` ("GO 1.8") and ``suffixes`` (("R1",))."""

    base: str
    suffixes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """Plain text: ``GO 1.8 R1``, ``GO 1.7 R2, R3``, ``Paris Principles B.1``."""
        return f"{self.base} {', '.join(self.suffixes)}" if self.suffixes else self.base


def _split(ref: str) -> tuple[str, str | None, str | None]:
    """``(pattern key, clause number, requirement suffix)`` of a catalogue ID."""
    if m := _GO.fullmatch(ref):
        return "GO", m[1], m[2]
    if m := _PP.fullmatch(ref):
        number = m[2] if m[2] not in ("", "0") else ""
        return "PP", f"{m[1]}.{number}{m[3]}" if number else f"{m[1]}{m[3]}", None
    if m := _NUMBERED.fullmatch(ref):
        return m[1], m[2], None
    if m := _ACC.fullmatch(ref):
        return (m[1], m[2], None) if m[1] else (m[3], m[4], None)
    if ref.startswith("GA76-"):
        return "GA76", None, None
    return "", None, None


def cite(ref: str, tr: _Gettext | None = None) -> Citation:
    """One catalogue ID as a citation in ``tr``'s language (English without one)."""
    key, number, suffix = _split(ref)
    if not key:
        return Citation(ref)
    pattern = PATTERNS[key]
    if tr is not None:
        pattern = tr.pgettext(CONTEXT, pattern)
    base = pattern % {"num": number} if "%(num)s" in pattern else pattern
    return Citation(base, (suffix,) if suffix else ())


def cite_all(refs: Iterable[str], tr: _Gettext | None = None) -> list[Citation]:
    """References as citations, grouped: ``GO-1.7-R2, GO-1.7-R3, GO-1.7`` -> ``GO 1.7 R2, R3``.

    A clause cited alone and through its requirements is written once; first-seen order.
    """
    groups: dict[str, list[str]] = {}
    for ref in refs:
        c = cite(ref, tr)
        suffixes = groups.setdefault(c.base, [])
        suffixes.extend(s for s in c.suffixes if s not in suffixes)
    return [Citation(base, tuple(sorted(suffixes, key=lambda s: int(s[1:]))))
            for base, suffixes in groups.items()]


def cite_text(refs: Iterable[str], tr: _Gettext | None = None, sep: str | None = None) -> str:
    """References as one line of text (groups separated by ``sep``, default ``"; "``)."""
    if sep is None:
        sep = tr.pgettext("punctuation", "; ") if tr is not None else "; "
    return sep.join(c.text for c in cite_all(refs, tr))
