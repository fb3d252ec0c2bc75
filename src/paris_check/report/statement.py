"""A draft Statement of Compliance (SoC), pre-filled from the questionnaire, as an editable DOCX.

The SoC is the form in which an institution applying for (re-)accreditation answers the SCA's
questions and cites its law and practice. Its sections and questions are in
``data/statement.yaml``; each question lists the questionnaire answers that pre-fill it. An
answer that is unanswered or unknown leaves a visible placeholder to complete. Open previous SCA
recommendations are listed with the action recorded for each. Word headings and built-in styles
only, so the draft stays easy to edit. Deterministic: no dates in the document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..facts import answer_facts
from ..i18n import Translator
from ..questionnaire.catalogue import questions
from ..questionnaire.model import Questionnaire
from ..yamlio import load_yaml_text

PLACEHOLDER = "[To complete: %(what)s]"


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    refs: tuple[str, ...]
    answers: tuple[str, ...]
    previous_recommendations: bool = False


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[Item, ...]


@cache
def structure() -> tuple[str, tuple[Section, ...]]:
    """The draft's note and sections (``data/statement.yaml``)."""
    text = resources.files("paris_check").joinpath("data/statement.yaml").read_text("utf-8")
    data = load_yaml_text(text, "statement.yaml").data
    sections = tuple(
        Section(str(s["id"]), s["title"], tuple(
            Item(i["id"], " ".join(i["question"].split()), tuple(i.get("refs", [])),
                 tuple(i.get("answers", [])), bool(i.get("previous_recommendations")))
            for i in s["items"]))
        for s in data["sections"])
    known = set(questions())
    for s in sections:
        for item in s.items:
            unknown = set(item.answers) - known
            if unknown:
                raise ValueError(f"statement.yaml {item.id}: unknown questions {sorted(unknown)}")
    return " ".join(data["note"].split()), sections


def statement_messages() -> list[tuple[str | None, str]]:
    """Every translatable text of the draft (msgctxt ``soc:<id>``)."""
    note, sections = structure()
    out: list[tuple[str | None, str]] = [("soc:note", note), (None, PLACEHOLDER)]
    for s in sections:
        out.append((f"soc:section-{s.id}", s.title))
        out += [(f"soc:{i.id}", i.question) for i in s.items]
    return out


def render_statement(q: Questionnaire, *, lang: str = "en") -> bytes:
    """The SoC draft for ``q`` as DOCX bytes."""
    from docx import Document

    from ..wording import Wording
    from .context import REC_STATUS_WORDS
    from .docx import _without_dates, make_rtl

    tr = Translator(lang)
    g = tr.gettext
    words = Wording(tr)
    c = words.colon
    facts = answer_facts(q)
    cat = questions()
    note, sections = structure()
    name = q.profile.name.value if q.profile.name and q.profile.name.value else None

    doc = Document()
    doc.core_properties.title = g("Statement of Compliance (draft)")
    doc.core_properties.author = "paris_check"
    doc.core_properties.language = lang
    doc.add_heading(g("Statement of Compliance (draft)"), level=0)
    doc.add_paragraph(name or g("Unnamed institution"), style="Subtitle")
    doc.add_paragraph(tr.pgettext("soc:note", note), style="Intense Quote")

    def placeholder(what: str) -> None:
        p = doc.add_paragraph()
        run = p.add_run(g(PLACEHOLDER) % {"what": what})
        run.bold = True
        run.italic = True

    for s in sections:
        doc.add_heading(f"{s.id}. {tr.pgettext(f'soc:section-{s.id}', s.title)}", level=1)
        for item in s.items:
            doc.add_heading(f"{item.id} {tr.pgettext(f'soc:{item.id}', item.question)}",
                            level=2)
            if item.refs:
                doc.add_paragraph(g("References") + c + ", ".join(item.refs), style="Caption")
            for qid in item.answers:
                f = facts[qid]
                label = tr.question(qid, "label", cat[qid].label)
                if f.state in ("missing", "unknown"):
                    placeholder(label)
                    continue
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(label + c)
                p.add_run(words.answer(f)).bold = True
                for ev in f.evidence:
                    doc.add_paragraph(ev, style="List Bullet 2")
            if item.previous_recommendations:
                _previous(doc, q, g, c, placeholder, REC_STATUS_WORDS)
    if tr.dir == "rtl":
        make_rtl(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _without_dates(buf.getvalue())


def _previous(doc: Any, q: Questionnaire, g: Any, c: str, placeholder: Any,
              words: dict[str, str]) -> None:
    recs = q.accreditation.previous_recommendations
    if recs is None:
        placeholder(g("Recommendations from the previous SCA review"))
        return
    if not recs:
        doc.add_paragraph(g("None recorded."))
        return
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells,
                          (g("Recommendation"), g("Status"), g("Action")), strict=True):
        cell.paragraphs[0].add_run(head).bold = True
    for r in recs:
        cells = table.add_row().cells
        cells[0].text = (f"{r.id}{c}" if r.id else "") + r.text
        cells[1].text = g(words.get(r.status, r.status))
        cells[2].text = r.action or (g(PLACEHOLDER) % {"what": g("Action")})
