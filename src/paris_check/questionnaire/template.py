"""The blank questionnaire, generated from the question catalogue.

:func:`render_template` writes every section and every question with a comment block (the
statement to rate, plain-language help, the allowed answers and the standards it serves) and
the key left empty, so that the file loads as a valid questionnaire in which every question is
*unanswered*. Law/practice and list questions also get a commented skeleton to fill in.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from ..i18n import N_, Translator, _, norm, use_language
from .catalogue import Question, SectionInfo, sections
from .model import SCHEMA_VERSION

WIDTH = 95
SCHEMA_REF = "../src/paris_check/schemas/questionnaire.schema.json"

#: The header, one msgid per paragraph; a translation with line breaks keeps them (lists and
#: the example), one without is wrapped.
HEADER: tuple[str, ...] = (
    N_("paris_check self-assessment questionnaire (format %(version)s)"),
    N_("""Fill in this file to check your institution against the UN Paris Principles and the General
Observations (GOs) of the GANHRI Sub-Committee on Accreditation (SCA). The result is
indicative only: it is not an accreditation decision."""),
    N_("""HOW TO ANSWER. Each question is a key followed by a colon. A key with nothing after it is
unanswered. Lines starting with # are comments and are ignored; to use a skeleton shown in
comments, delete the "# " in front of the lines you need and keep the indentation (spaces,
never tabs)."""),
    N_("""Most questions are rated twice, because the SCA looks at both the text and the reality:
  - in_law: does the constitution, a statute or a binding regulation provide it?
  - in_practice: does it actually happen?
Each of the two takes yes, partly, no or unknown. For example:
    vacancies_advertised:
      in_law: no
      in_practice: yes
      evidence:
        - provision: "Human Rights Commission Act 2009, s. 7"
        - document: "Call for candidates, Official Gazette, 3 March 2024"
        - url: "https://example.org/vacancy-notice"
        - text: "The call was also sent to 40 civil society organisations."
      note: "Advertising is our practice but the Act does not require it.\""""),
    N_("""Other questions take a single value: a choice from the list shown above the key, a list of
choices such as [mandate, powers], a number, a year or free text. A value may also be written
in full as {value: ..., evidence: [...], note: "..."} to add evidence."""),
    N_("""Three more answers are possible for any question:
  - unknown: you do not know. It is never counted as met.
  - {not_applicable: "reason"}: the question does not apply to your institution; always give
    the reason, e.g. {not_applicable: "a single body appoints all members"}.
  - leave the key empty (or delete it): the question is unanswered. Unanswered is not the
    same as "no": the report lists it as missing information, not as a failed requirement."""),
    N_("""Evidence makes the report useful to the reader: cite the provision (article or section), the
document (report, decree, rules of procedure), a web address, or explain in a sentence."""),
    N_("""References such as "GO 1.8 (R1)" point to General Observation 1.8, requirement 1; "PP B1"
points to the Paris Principles, section B.1. Other IDs start with GA76 (UN General Assembly
resolution 76/170), VP (Venice Principles), BP (Belgrade Principles), MD (Marrakech
Declaration) or ACC (accreditation rules and SCA Practice Notes)."""),
)

RULE = "# " + "=" * (WIDTH - 2)


def render_template(schema_ref: str = SCHEMA_REF, lang: str = "en") -> str:
    """The blank questionnaire as YAML text (deterministic), its comments in ``lang``.

    ``schema_ref`` is the path or URL of the JSON Schema that editors should use; the default
    suits a file in the repository's ``questionnaires/`` folder. Keys and answer values stay
    English in every language: they are what the file must contain.
    """
    with use_language(lang):
        tr = Translator(lang)
        lines = [f"# yaml-language-server: $schema={schema_ref}", "#"]
        for i, paragraph in enumerate(HEADER):
            if i:
                lines.append("#")
            lines += _header(_(paragraph, version=SCHEMA_VERSION) if i == 0 else _(paragraph))
        lines += ["", f'schema_version: "{SCHEMA_VERSION}"']
        for section in sections():
            lines += ["", *_section(section, tr)]
        lines += ["", *_justifications()]
    return "\n".join(lines) + "\n"


def _header(text: str) -> list[str]:
    """A header paragraph as comment lines: kept as written when it has line breaks (lists, the
    example), else wrapped."""
    if "\n" in text:
        return _comment(text.split("\n"), indent="", wrap=False)
    # A {...} or [...] example is never split across lines (the spaces in it wrap as letters).
    kept = re.sub(r"\{[^{}]*\}|\[[^\[\]]*\]", lambda m: m[0].replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in _comment([kept], indent="")]


def template_messages() -> list[tuple[str | None, str]]:
    """The template's texts that come from data, not from ``_()`` calls: section descriptions
    (msgctxt ``section:<id>.doc``) and the conditions under which a question is relevant
    (msgctxt ``applies``)."""
    out: dict[tuple[str | None, str], None] = {}
    for section in sections():
        out.setdefault((f"section:{section.id}.doc", norm(section.doc)))
        for q in section.questions:
            if q.applies:
                out.setdefault(("applies", norm(q.applies)))
    return list(out)


def _justifications() -> list[str]:
    """The ``justifications:`` block, with a commented example."""
    return [RULE, *_comment([_("JUSTIFICATIONS: Known gaps you have a reason for, or are acting "
                               "on.")], indent=""), RULE,
            *_comment([_("Keyed by the code of the rule the gap comes from (the report shows it, "
                         "e.g. SE02). A justification is shown beside its gap; it never hides "
                         "the gap and never changes the status. After its `until` date the "
                         "report flags it as overdue. Dates are written YYYY-MM-DD.")],
                      indent=""),
            "justifications:",
            "  # SE02:",
            '  #   text: "' + _("Advertising is required by the bill tabled in March; adoption "
                                "expected in June.") + '"',
            "  #   date: 2026-03-15",
            '  #   by: "' + _("Legal unit") + '"',
            "  #   until: 2026-09-30"]


def _section(section: SectionInfo, tr: Translator) -> list[str]:
    doc = " ".join(section.doc.split())
    if tr.lang != "en":
        doc = tr.pgettext(f"section:{section.id}.doc", doc)
    out = [RULE, *_comment([f"{section.id.upper()}: {doc}"], indent=""), RULE,
           f"{section.id}:"]
    asked = [q for q in section.questions if q.kind != "derived"]
    for i, question in enumerate(asked):
        if i:
            out.append("")
        out += _question(question, tr)
    return out


def _question(q: Question, tr: Translator) -> list[str]:
    english = tr.lang == "en"
    label = q.label if english else tr.question(q.id, "label", q.label)
    text = [label.rstrip(".") + "."]
    if q.help:
        text.append(q.help if english else tr.question(q.id, "help", q.help))
    if q.applies:
        applies = q.applies if english else tr.pgettext("applies", q.applies)
        text.append(_("Only relevant if: %(condition)s.", condition=applies))
    text.append(_allowed(q))
    refs = format_refs(q.refs) if english else cite_text(q.refs, tr)
    if refs:
        text.append(_("References: %(refs)s.", refs=refs))
    out = _comment(text, indent="  ")
    out.append(f"  {q.name}:")
    out += _skeleton(q)
    return out


def _allowed(q: Question) -> str:
    if q.kind == "law_practice":
        return _("Answer: in_law and in_practice, each yes, partly, no or unknown.")
    if q.kind == "choice":
        return _("Answer one of: %(values)s (or unknown).", values=", ".join(q.choices))
    if q.kind == "multi":
        return _("Answer a list of any of: %(values)s (e.g. %(example)s); [] for none.",
                 values=", ".join(q.choices), example="[" + ", ".join(q.choices[:2]) + "]")
    if q.kind == "number":
        if q.minimum is not None and q.maximum is not None:
            low, high = f"{q.minimum:g}", f"{q.maximum:g}"
            if q.name.endswith("year"):
                return _("Answer: a year from %(low)s to %(high)s (or unknown).", low=low,
                         high=high)
            return _("Answer: a number from %(low)s to %(high)s (or unknown).", low=low,
                     high=high)
        return _("Answer: a number (or unknown).")
    if q.kind == "text":
        return _("Answer: text (put it in quotes if it contains a colon).")
    if q.kind == "list":
        return _("Answer: a list of entries, one per recommendation (see the skeleton below).")
    return ""


def _skeleton(q: Question) -> list[str]:
    if q.kind == "law_practice":
        return ["    # in_law: yes | partly | no | unknown",
                "    # in_practice: yes | partly | no | unknown",
                '    # evidence: [{provision: "...", document: "..."}]']
    if q.kind == "list":
        return ['    # - id: "SCA-2019-1"',
                '    #   text: "' + _("The recommendation, in your own words") + '"',
                "    #   refs: [GO-1.8]",
                "    #   status: not_implemented  # " + _("or") + " implemented, "
                "partly_implemented,",
                "    #                            # no_longer_relevant, unknown",
                '    #   action: "' + _("What the institution did or is doing") + '"',
                "    #   evidence:",
                '    #     - document: "..."']
    return []


def cite_text(refs: Iterable[str], tr: Translator) -> str:
    """References as the report cites them in ``tr``'s language (``OG 1.8 R1`` in French)."""
    from ..citations import cite_text as cite

    return cite(refs, tr, sep=", ")


def format_refs(refs: Iterable[str]) -> str:
    """Readable references: ``GO-1.8-R1`` -> ``GO 1.8 (R1)``, ``PP-B1`` -> ``PP B1``."""
    out: list[str] = []
    for ref in refs:
        if ref.startswith("GO-") and "-R" in ref:
            base, req = ref[3:].rsplit("-R", 1)
            text = f"GO {base} (R{req})"
        elif ref.startswith(("GO-", "PP-")):
            text = ref[:2] + " " + ref[3:]
        else:
            text = ref
        if text not in out:
            out.append(text)
    return ", ".join(out)


def _comment(paragraphs: list[str], *, indent: str, wrap: bool = True) -> list[str]:
    prefix = f"{indent}# "
    out: list[str] = []
    for para in paragraphs:
        if not wrap or not para.strip():
            out.append((prefix + para).rstrip())
            continue
        out += textwrap.wrap(para, width=WIDTH, initial_indent=prefix, subsequent_indent=prefix,
                             break_on_hyphens=False, break_long_words=False)
    return out
