"""The gap report as an editable Word document (python-docx).

Same content and order as the PDF: cover with the disclaimer, executive summary, gaps by area
(most serious first), requirements met and not applicable, what the SCA will ask for, and the
provenance; the annexes on request. Real Word
headings (navigation pane), built-in styles rather than direct formatting (so the document stays
easy to restyle and edit), tables, and page numbers in the footer. Deterministic: the document's
core properties carry no date.
"""

from __future__ import annotations

import io
from typing import Any

from ..compare import Diff
from ..questionnaire.model import Questionnaire
from ..results import Assessment
from .context import ReportTranslator, build_context, ngettext

# Word's own style names (present in python-docx's default template).
TABLE_STYLE = "Table Grid"


def _page_number_field(paragraph: Any) -> None:
    """Append a PAGE field (Word fills in the number) to ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def make_rtl(doc: Any) -> None:
    """Lay ``doc`` out right to left (Arabic): paragraphs, runs, tables and the section."""
    from docx.oxml import OxmlElement

    def paragraphs() -> Any:
        yield from doc.paragraphs
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        for section in doc.sections:
            yield from section.footer.paragraphs

    for p in paragraphs():
        ppr = p._p.get_or_add_pPr()
        ppr.append(OxmlElement("w:bidi"))
        for run in p.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
    for table in doc.tables:
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    for section in doc.sections:
        section._sectPr.append(OxmlElement("w:bidi"))


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    return table


def _answers_text(v: Any, colon: str) -> str:
    parts = []
    for ans in v.answers:
        s = f"{ans['label']}{colon}{ans['answer']}"
        if ans.get("evidence"):
            s += " (" + "; ".join(ans["evidence"]) + ")"
        if ans.get("note"):
            s += f" — {ans['note']}"
        parts.append(s)
    return "\n".join(parts)


def _bullet(doc: Any, parts: list[tuple[str, bool]], style: str = "List Bullet") -> Any:
    """A list paragraph made of ``(text, bold)`` runs."""
    para = doc.add_paragraph(style=style)
    for text, bold in parts:
        if text:
            para.add_run(text).bold = bold
    return para


def _rules_text(views: list[Any], sep: str) -> str:
    return sep.join(f"{v.r.code} {v.title}" for v in views)


def render_docx(assessment: Assessment, *, lang: str = "en",
                questionnaire: Questionnaire | None = None,
                progress: Diff | None = None, annexes: bool = False) -> bytes:
    """The report as DOCX bytes: the same body as the PDF (``annexes``: add the method and the
    references)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    tr = ReportTranslator(lang)
    g = tr.gettext
    ctx = build_context(assessment, tr, questionnaire, progress)
    colon, sep = ctx["colon"], ctx["semicolon"]
    doc = Document()
    props = doc.core_properties
    props.title = g("Paris Principles gap report") + colon + ctx["display_name"]
    props.subject = g("Indicative only – not an accreditation decision")
    props.author = "paris_check"
    props.language = lang
    props.revision = 1  # dates are removed in _without_dates

    section = doc.sections[0]
    footer = section.footer.paragraphs[0]
    footer.text = g("Indicative only – not an accreditation decision") + " · "
    _page_number_field(footer)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # Cover
    doc.add_heading(g("Paris Principles gap report"), level=0)
    doc.add_paragraph(ctx["display_name"], style="Subtitle")
    inst = ctx["inst"]
    doc.add_paragraph(f"{g('Country')}{colon}{inst.country or g('not stated')} · "
                      f"{g('Year of the self-assessment')}{colon}"
                      f"{inst.assessment_year or g('not stated')}")
    note = doc.add_paragraph(style="Intense Quote")
    note.add_run(g("Indicative only – not an accreditation decision") + ". ").bold = True
    note.add_run(ctx["disclaimer"])

    # Executive summary
    doc.add_heading(g("Executive summary"), level=1)
    p = doc.add_paragraph()
    p.add_run(g("Indicative status") + colon)
    p.add_run(ctx["status_label"]).bold = True
    p.add_run(f" ({g('Confidence')}{colon}{ctx['confidence']})")
    doc.add_heading(g("Why"), level=2)
    for reason in ctx["reasons"]:
        doc.add_paragraph(reason, style="List Bullet")
    w = ctx["count_words"]
    doc.add_paragraph(" · ".join((w["met"], w["gaps"], w["unknown"], w["not_applicable"])))
    if ctx["justified"]:
        text = ngettext(tr, "%(num)s gap carries a justification recorded by the institution; "
                        "it still counts as a gap.", "%(num)s gaps carry a justification "
                        "recorded by the institution; they still count as gaps.",
                        ctx["justified"])
        if ctx["overdue"]:
            text += " " + g("Past their review date: %(num)s.") % {"num": ctx["overdue"]}
        doc.add_paragraph(text)
    doc.add_heading(g("The most serious gaps"), level=2)
    for v in ctx["top_gaps"]:
        where = f" · {v.aspects}" if v.aspects else ""
        _bullet(doc, [(v.title, True), (f" ({v.severity_word}) — {v.area_title}{where} · "
                                        f"{v.cite_text}", False)], "List Number")
    if not ctx["top_gaps"]:
        doc.add_paragraph(g("No gap was found among the requirements that could be decided."))
    doc.add_heading(g("What to answer next"), level=2)
    for q in ctx["next_questions"]:
        _bullet(doc, [(q["label"], True), (
            f" — {q['state_word']}{sep}" + ngettext(
                tr, "decides %(num)s requirement", "decides %(num)s requirements",
                len(q["rules"])) + f", {g('the most serious')}{colon}"
            f"{q['severity_word'].lower()}", False)], "List Number")
    if not ctx["next_questions"]:
        doc.add_paragraph(g("Nothing: every applicable requirement could be decided from the "
                            "answers."))

    # Gaps by area: one heading and one two-column table per gap (easy to edit)
    doc.add_heading(g("Gaps by area, most serious first"), level=1)
    if not ctx["gaps"]:
        doc.add_paragraph(g("No gap was found among the requirements that could be decided."))
    for area in ctx["gap_areas"]:
        doc.add_heading(area["title"], level=2)
        if area["related"]:
            doc.add_paragraph(g("Related standard: reported for information, does not count "
                                "for the indicative status."))
        for v in area["gap_rules"]:
            doc.add_heading(f"{v.r.code} {v.title}", level=3)
            rows = [[g("Severity"), v.severity_word], [g("Finding"), v.finding or ""],
                    [g("Answers"), _answers_text(v, colon)],
                    [g("Recommendation"), v.recommendation or ""],
                    [g("References"), v.cite_text]]
            if v.aspects:
                rows.insert(1, [g("Gap lies"), v.aspects])
            if v.justification:
                j = v.justification
                label = g("Justification recorded by the institution")
                if j["overdue"]:
                    label += " — " + g("review date passed")
                rows.append([label, j["text"] + (f" ({j['meta']})" if j["meta"] else "")])
            table = doc.add_table(rows=0, cols=2)
            table.style = TABLE_STYLE
            for key, value in rows:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(key).bold = True
                cells[1].text = value

    # Met and not applicable, as lists
    doc.add_heading(g("Requirements met and not applicable"), level=1)
    doc.add_heading(w["met"], level=2)
    for area in ctx["met_areas"]:
        _bullet(doc, [(area["title"] + colon, True), (_rules_text(area["met_rules"], sep),
                                                      False)])
    na = ctx["not_applicable"]
    if na["total"]:
        doc.add_heading(w["not_applicable"], level=2)
        for x in na["areas"]:
            _bullet(doc, [(x["title"], True), (f" — {g('does not apply')} ({x['count']})"
                                               + (colon + x["reason"] if x["reason"] else ""),
                                               False)])
        for group in na["groups"]:
            _bullet(doc, [((group["reason"] + colon) if group["reason"] else "", False),
                          (_rules_text(group["rules"], sep), False)])

    # What the SCA will ask for: one line per question
    doc.add_heading(g("What the SCA will ask for"), level=1)
    checklist = ctx["checklist"]
    if checklist["groups"]:
        doc.add_paragraph(g("A missing answer is not a failed requirement, but the SCA will "
                            "expect the information. Each question below was left unanswered "
                            "or answered “unknown”; answering it decides the requirements "
                            "listed with it."))
    else:
        doc.add_paragraph(g("Every applicable requirement could be decided."))
    for grp in checklist["groups"]:
        doc.add_heading(grp["title"], level=2)
        for q in grp["items"]:
            _bullet(doc, [(q["label"], True), (
                f" ({q['state_word']}) — {q['severity_word']} — {g('Decides')}{colon}"
                + _rules_text(q["rules"], sep) + (f" — {q['why']}" if q["why"] else ""),
                False)])
    if checklist["other"]:
        doc.add_heading(g("Other requirements that could not be decided"), level=2)
        for v in checklist["other"]:
            _bullet(doc, [(f"{v.r.code} {v.title}", False),
                          (f" — {v.reason}" if v.reason else "", False)])

    if annexes:
        doc.add_heading(g("Annex 1. Method and scoring"), level=1)
        doc.add_paragraph(ctx["method"])
        doc.add_heading(g("Annex 3. References"), level=1)
        for ref in ctx["references"]:
            _bullet(doc, [(ref["cite"], True), (f" {ref['title']}", False)])

    # Provenance, last
    prov = ctx["provenance"]
    doc.add_heading(g("About this report"), level=2)
    doc.add_paragraph(g("Made by %(tool)s from %(file)s.") % {"tool": prov["tool"],
                                                               "file": prov["file"]}
                      + f" {g('SHA-256 of the questionnaire')}{colon}{prov['sha256']}. "
                      + f"{g('Rule packs')}{colon}{prov['packs']}.")

    if tr.dir == "rtl":
        make_rtl(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _without_dates(buf.getvalue())


def _without_dates(data: bytes) -> bytes:
    """Drop the creation and modification dates python-docx writes, and fix the zip entry times,
    so the same report gives the same bytes."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()
