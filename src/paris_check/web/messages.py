"""The form's own texts (buttons, headings, notices) and their translations.

They live in the catalogue ``locale/<lang>/LC_MESSAGES/web.po`` under the message context
``web``, so that a word the form and the report share ("Unknown", say) can be translated for
each on its own. Question labels, help texts, choices and rule titles come from the catalogues
the report uses. ``scripts/update_po.py`` refreshes ``web.po`` from :func:`web_messages`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..citations import cite_text
from ..i18n import Translator, norm

CONTEXT = "web"
WEB_DIR = Path(__file__).resolve().parent
TEMPLATES = WEB_DIR / "templates"
_KEYWORDS = {"_": None, "N_": None, "text": None}


def N_(message: str) -> str:  # the gettext convention for "mark only"
    """Mark ``message`` for translation where it is defined; it is translated when shown."""
    return message


# Words of the findings panel, defined here so that the form does not depend on how the report
# is written.
STATUS_LABELS = {"A likely": N_("A likely"), "B likely": N_("B likely"),
                 "insufficient information": N_("Insufficient information")}
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
SEVERITY = {"blocker": N_("Blocker"), "major": N_("Major"), "minor": N_("Minor"),
            "advisory": N_("Advisory")}
ASPECTS = {"law": N_("in law"), "practice": N_("in practice")}
#: Between the items of a short list ("in law, in practice"): "، " in Arabic.
LIST_SEPARATOR = N_(", ")
EVIDENCE_KINDS = {"provision": N_("Legal provision"), "document": N_("Document"),
                  "url": N_("Web address"), "text": N_("Explanation")}
FORMATS = {"pdf": N_("PDF"), "html": N_("HTML page"), "markdown": N_("Markdown"),
           "docx": N_("Word (DOCX)"), "json": N_("JSON (the structured result)")}
NOTICES = {
    "saved": N_("Saved."),
    "unchanged": N_("Nothing to save: the answers are as in the file."),
    "merged": N_("The file had been changed in another program. Your answers were added to "
                 "the new version, which the page now shows."),
    "outside": N_("The file had been changed in another program: the page now shows its new "
                  "version."),
}
#: Labels of the fields of a list question's entries (a field not listed shows its name).
ITEM_LABELS = {"id": N_("Your reference"), "text": N_("Recommendation"),
               "refs": N_("Standards it concerns"), "status": N_("Status"),
               "action": N_("What the institution did or is doing"), "evidence": N_("Evidence")}
#: Labels of the fields of a justification (a field not listed shows its name).
JUSTIFICATION_LABELS = {"text": N_("Justification"), "date": N_("Recorded on"),
                        "by": N_("Recorded by"), "until": N_("Review by")}
#: Where a justified requirement stands now (a justification can outlive its gap).
RULE_STATES = {"gap": N_("Gap"), "met": N_("Now met"), "unknown": N_("Now unknown"),
               "not_applicable": N_("Now not applicable"),
               "unknown-rule": N_("No rule has this code")}
#: The self-check guide in the published documentation (the form's help link).
GUIDE_URL = "https://paris-check.readthedocs.io/en/latest/web.html"
#: Language names, each in its own language (never translated).
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


class WebText:
    """Translate the form's texts into one language (English when there is no translation)."""

    def __init__(self, lang: str) -> None:
        self.tr = Translator(lang)
        self.lang = lang
        self.dir = self.tr.dir

    def __call__(self, message: str, **values: Any) -> str:
        text = self.tr.pgettext(CONTEXT, message)
        return text % values if values else text

    def gettext(self, message: str) -> str:
        """For Jinja's ``_()``: the translation, formatted by Jinja (new-style gettext)."""
        return self.tr.pgettext(CONTEXT, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """For Jinja's ``ngettext()``: the language's own plural forms (Babel's rules)."""
        return self.tr.npgettext(CONTEXT, singular, plural, n)

    def cite(self, refs: Iterable[str]) -> str:
        """References in the citation style of the report and the terminal (``GO 1.8 R1``)."""
        return cite_text(refs, self.tr, sep=", ")


def _extract(path: Path, method: str) -> list[str]:
    from babel.messages.extract import extract_from_file

    if method == "jinja2":
        fn, options = "jinja2.ext:babel_extract", {"extensions": "jinja2.ext.i18n",
                                                    "trimmed": "false"}
    else:
        fn, options = "python", {}
    return [norm(msg) for _line, msg, _comments, _ctx in
            extract_from_file(fn, str(path), keywords=_KEYWORDS, options=options)
            if isinstance(msg, str) and msg]


def choice_words(value: str) -> str:
    """A choice of a list entry's field (``partly_implemented``) as words to translate."""
    return value.replace("_", " ")


def _item_choices() -> list[str]:
    """The choices of the fields of list questions' entries (a recommendation's status), read
    from the model: their words are the form's to translate."""
    from ..questionnaire.catalogue import questions
    from .form import item_fields

    return [norm(choice_words(c)) for q in questions().values() if q.kind == "list"
            for f in item_fields(q.id) if f.kind == "select" for c in f.choices]


def web_messages() -> list[tuple[str | None, str]]:
    """Every text of the form, as ``(msgctxt, msgid)``, in first-seen order."""
    seen: dict[str, None] = {}
    for tpl in sorted(TEMPLATES.glob("*.j2")):
        for msg in _extract(tpl, "jinja2"):
            seen.setdefault(msg)
    for py in sorted(WEB_DIR.glob("*.py")):
        for msg in _extract(py, "python"):
            seen.setdefault(msg)
    for msg in _item_choices():
        seen.setdefault(msg)
    return [(CONTEXT, m) for m in seen]
