"""Translations: gettext ``.po`` catalogues read at run time (no compiled ``.mo`` needed).

Every ``.po`` file in ``locale/<lang>/LC_MESSAGES/`` is merged into one catalogue per language.
A msgid is the English source text with whitespace collapsed (:func:`norm`), so YAML folded
text matches. Rule texts use msgctxt ``"<CODE>.<field>"``, questions ``"<qid>.label"`` /
``"<qid>.help"``, section titles ``"section:<id>.title"``, choice values ``"choice:<value>"``,
standards ``"std:<ID>.title"`` / ``.summary`` / ``.note`` and ``"instrument:<CODE>.title"``.
Adding a language is data only: a new locale folder. Missing or fuzzy entries fall back to
English.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ku", "sd", "ug"})
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip."""
    return _WS.sub(" ", text).strip()


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/*.po``."""
    return Path(str(resources.files("paris_check") / "locale"))


def available_languages() -> tuple[str, ...]:
    """``en`` (the source language) plus every language with a locale folder, sorted."""
    base = locale_dir()
    found = {p.name for p in base.iterdir()
             if p.is_dir() and (p / "LC_MESSAGES").is_dir()} if base.is_dir() else set()
    found.discard("en")
    return ("en", *sorted(found))


def text_direction(lang: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, Persian, Urdu...), else ``ltr``."""
    return "rtl" if lang.split("-")[0].split("_")[0].lower() in RTL_LANGUAGES else "ltr"


@cache
def catalogue(lang: str) -> dict[tuple[str | None, str], str]:
    """``(msgctxt, msgid) -> msgstr`` for every translated, non-fuzzy entry of ``lang``."""
    from babel.messages.pofile import read_po

    out: dict[tuple[str | None, str], str] = {}
    folder = locale_dir() / lang / "LC_MESSAGES"
    if lang == "en" or not folder.is_dir():
        return out
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh, locale=None, abort_invalid=True)
        for msg in cat:
            if not msg.id or msg.fuzzy or not isinstance(msg.id, str):
                continue
            if isinstance(msg.string, str) and msg.string.strip():
                out[(msg.context, norm(msg.id))] = msg.string
    return out


class Translator:
    """Translate report chrome, rule texts and questions into one language."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self.dir = text_direction(lang)
        self._cat = catalogue(lang)

    def gettext(self, msgid: str) -> str:
        """Translate a message without context."""
        return self._cat.get((None, norm(msgid)), msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Plural form (the catalogues hold one form: ``%(num)d`` in the message)."""
        return self.gettext(singular if n == 1 else plural)

    def pgettext(self, context: str, msgid: str) -> str:
        """Translate a message within a context."""
        return self._cat.get((context, norm(msgid)), msgid)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.pgettext(context, singular if n == 1 else plural)

    def rule(self, code: str, field: str, english: str | None) -> str:
        """A rule's title, finding, recommendation or rationale (or pack:<name> metadata)."""
        if not english:
            return english or ""
        return self._cat.get((f"{code}.{field}", norm(english)), norm(english))

    def question(self, qid: str, field: str, english: str) -> str:
        """A question's label or help; ``section:<id>`` for section titles."""
        if not english:
            return english
        return self._cat.get((f"{qid}.{field}", norm(english)), english)

    def standard(self, ref: str, field: str, english: str | None) -> str:
        """A standard's title, summary or note (``std:<ID>.<field>``); ``instrument:<CODE>``
        for instrument titles. Falls back to the (normalised) English."""
        if not english:
            return english or ""
        return self._cat.get((f"{ref}.{field}" if ref.startswith("instrument:")
                              else f"std:{ref}.{field}", norm(english)), norm(english))

    def choice(self, value: str) -> str:
        """A choice value (``constitution_and_statute``) as words."""
        english = value.replace("_", " ")
        return self._cat.get(("choice:" + value, english), english)

    def has(self, context: str | None, msgid: str) -> bool:
        return (context, norm(msgid)) in self._cat
