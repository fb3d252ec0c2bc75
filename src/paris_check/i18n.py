"""Translations: gettext ``.po`` catalogues read at run time (no compiled ``.mo`` needed).

Every ``.po`` file in ``locale/<lang>/LC_MESSAGES/`` is merged into one catalogue per language.
A msgid is the English source text with whitespace collapsed (:func:`norm`), so YAML folded
text matches. Rule texts use msgctxt ``"<CODE>.<field>"``, questions ``"<qid>.label"`` /
``"<qid>.help"``, section titles ``"section:<id>.title"``, choice values ``"choice:<value>"``,
standards ``"std:<ID>.title"`` / ``.summary`` / ``.note`` and ``"instrument:<CODE>.title"``.
Plural messages are ``msgid``/``msgid_plural`` entries with one ``msgstr[i]`` per form of the
language; the form for a count comes from Babel's CLDR plural rule (French: 0 and 1 take the
singular; Arabic: six forms). Adding a language is data only: a new locale folder. Missing or
fuzzy entries fall back to English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The environment variable naming the language of messages (``fr``, ``es``, ``ar``...).
LANG_ENV = "PARIS_CHECK_LANG"
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


#: Joins the forms of a plural entry in a catalogue key (msgid) and value (msgstr), as in
#: compiled ``.mo`` files: ``"%(num)s gap\x00%(num)s gaps"``.
PLURAL_SEP = "\x00"
_ENGLISH_PLURAL = "(n != 1)"


def plural_key(singular: str, plural: str) -> str:
    """The catalogue msgid of a plural message (both English forms, normalised)."""
    return norm(singular) + PLURAL_SEP + norm(plural)


@cache
def catalogue(lang: str) -> dict[tuple[str | None, str], str]:
    """``(msgctxt, msgid) -> msgstr`` for every translated, non-fuzzy entry of ``lang``.

    A plural entry is keyed by :func:`plural_key` and holds its ``num_plurals`` forms joined by
    :data:`PLURAL_SEP` (only when every form is translated).
    """
    from babel.messages.pofile import read_po

    out: dict[tuple[str | None, str], str] = {}
    folder = locale_dir() / lang / "LC_MESSAGES"
    if lang == "en" or not folder.is_dir():
        return out
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh, locale=None, abort_invalid=True)
        for msg in cat:
            if not msg.id or msg.fuzzy:
                continue
            if isinstance(msg.id, (tuple, list)):
                forms = [str(f or "") for f in msg.string]
                if len(msg.id) == 2 and forms and all(f.strip() for f in forms):
                    out[(msg.context, plural_key(*msg.id))] = PLURAL_SEP.join(forms)
            elif isinstance(msg.string, str) and msg.string.strip():
                out[(msg.context, norm(msg.id))] = msg.string
    return out


@cache
def plural_expr(lang: str) -> str:
    """The C plural expression of ``lang`` from Babel's CLDR data (``(n != 1)`` for English or
    a locale Babel does not know)."""
    from babel.core import UnknownLocaleError
    from babel.messages.catalog import Catalog

    try:
        return Catalog(locale=lang.replace("-", "_")).plural_expr
    except (UnknownLocaleError, ValueError):
        return _ENGLISH_PLURAL


@cache
def plural_index(lang: str) -> Any:
    """``n -> index`` of the plural form ``n`` takes in ``lang`` (``gettext.c2py``)."""
    import gettext

    return gettext.c2py(plural_expr(lang))


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
        """The form ``n`` takes by the language's plural rule (Babel's CLDR data); English
        ``singular`` (n == 1) or ``plural`` when the message is not translated."""
        return self._plural(None, singular, plural, n)

    def pgettext(self, context: str, msgid: str) -> str:
        """Translate a message within a context."""
        return self._cat.get((context, norm(msgid)), msgid)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """:meth:`ngettext` within a context."""
        return self._plural(context, singular, plural, n)

    def _plural(self, context: str | None, singular: str, plural: str, n: int) -> str:
        forms = self._cat.get((context, plural_key(singular, plural)))
        if forms is None:
            return singular if n == 1 else plural
        split = forms.split(PLURAL_SEP)
        index = plural_index(self.lang)(n)
        return split[index] if 0 <= index < len(split) else split[-1]

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


# --------------------------------------------------------------------------- messages
#
# Messages (validation errors, CLI lines, the blank questionnaire, diff) are written in English
# in the code as ``_("… %(name)s …", name=value)`` and translated into the current language, a
# context variable the CLI sets from ``--lang`` or ``PARIS_CHECK_LANG`` (English by default, so
# library users get English unless they ask). Their msgids live in ``cli.po`` (extracted with
# Babel from the modules listed in :data:`MESSAGE_MODULES`).

_LANGUAGE: ContextVar[str] = ContextVar("paris_check_language", default="en")

#: The modules whose ``_()`` calls make the ``cli`` catalogue (paths inside the package).
MESSAGE_MODULES = ("cli.py", "errors.py", "yamlio.py", "outputs.py", "justify.py", "batch.py",
                   "compare.py", "packs.py", "rulecheck.py", "questionnaire/load.py",
                   "questionnaire/answers.py", "questionnaire/model.py",
                   "questionnaire/template.py")


def current_language() -> str:
    """The language messages are printed in."""
    return _LANGUAGE.get()


def check_language(lang: str) -> str:
    """``lang`` if it is available; else an :class:`~paris_check.errors.InputError` (PC031)
    listing the available languages."""
    if lang in available_languages():
        return lang
    from .errors import InputError

    available = ", ".join(available_languages())
    raise InputError(_("no language %(lang)s", lang=repr(lang)), code="PC031",
                     hint=_("available: %(languages)s", languages=available))


def set_language(lang: str) -> Token[str]:
    """Print messages in ``lang`` from now on (checked: see :func:`check_language`); the token
    undoes it (:func:`reset_language`)."""
    return _LANGUAGE.set(check_language(lang))


def reset_language(token: Token[str]) -> None:
    """Go back to the language in use before the :func:`set_language` that gave ``token``."""
    _LANGUAGE.reset(token)


def language_from_env() -> str:
    """The language named by ``PARIS_CHECK_LANG`` (checked), or ``en`` when it is unset."""
    return check_language(os.environ.get(LANG_ENV, "").strip() or "en")


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Print messages in ``lang`` inside the ``with`` block."""
    token = _LANGUAGE.set(check_language(lang))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _(msgid: str, /, **values: Any) -> str:
    """``msgid`` in the current language, with ``%(name)s`` placeholders filled from ``values``.

    English (or a message without a translation) is ``msgid`` itself, byte for byte.
    """
    lang = _LANGUAGE.get()
    text = msgid if lang == "en" else _lookup(lang, msgid)
    return text % values if values else text


@cache
def _lookup(lang: str, msgid: str) -> str:
    return catalogue(lang).get((None, norm(msgid)), msgid)


def N_(msgid: str, /) -> str:
    """Mark ``msgid`` for extraction without translating it now (translate it with ``_``)."""
    return msgid


def cli_messages() -> list[tuple[str | None, str]]:
    """Every message of :data:`MESSAGE_MODULES`, in source order (Babel's Python extractor)."""
    from babel.messages.extract import extract_from_file

    base = Path(str(resources.files("paris_check")))
    out: dict[tuple[str | None, str], None] = {}
    for module in MESSAGE_MODULES:
        for _line, msgid, _comments, context in extract_from_file(
                "python", str(base / module), keywords={"_": None, "N_": None}):
            if isinstance(msgid, str) and msgid.strip():
                out.setdefault((context, norm(msgid)))
    from .questionnaire.template import template_messages

    for message in template_messages():
        out.setdefault(message)
    return list(out)
