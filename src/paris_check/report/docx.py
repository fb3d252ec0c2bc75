"""The gap report as an editable Word document (python-docx).

Same content and order as the PDF: cover with the disclaimer, executive summary, gaps (most
serious first), requirements by area, and the information the SCA will ask for. Real Word
headings (navigation pane), built-in styles rather than direct formatting (so the document stays
easy to restyle and edit), tables, and page numbers in the footer. Deterministic: the document's
core properties carry no date.
"""

from __future__ import annotations

import io
from typing import Any

from ..compare import Diff
from ..i18n import Translator
from ..questionnaire.model import Questionnaire
from ..results import Assessment
from .context import build_context

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
        parts.append(s)
    return "\n".join(parts)


def render_docx(assessment: Assessment, *, lang: str = "en",
                questionnaire: Questionnaire | None = None,
                progress: Diff | None = None) -> bytes:
    """The report as DOCX bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    tr = Translator(lang)
    g = tr.gettext
    ctx = build_context(assessment, tr, questionnaire, progress)
    colon = ctx["colon"]
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
    note = doc.add_paragraph(style="Intense Quote")
    note.add_run(g("Indicative only – not an accreditation decision") + ". ").bold = True
    note.add_run(ctx["disclaimer"])

    # Executive summary
    doc.add_heading(g("Executive summary"), level=1)
    p = doc.add_paragraph()
    p.add_run(g("Indicative status") + colon)
    p.add_run(ctx["status_label"]).bold = True
    p.add_run(f" ({g('confidence')} {ctx['confidence']})")
    doc.add_heading(g("Why"), level=2)
    for reason in ctx["reasons"]:
        doc.add_paragraph(reason, style="List Bullet")
    c = ctx["counts"]
    _table(doc, [g("Met"), g("Gaps"), g("Unknown"), g("Not applicable")],
           [[str(c.met), str(c.gaps), str(c.unknown), str(c.not_applicable)]])
    if ctx["justified"]:
        text = g("%(num)s gap(s) carry a justification recorded by the institution; they still "
                 "count as gaps.") % {"num": ctx["justified"]}
        if ctx["overdue"]:
            text += " " + g("Past their review date: %(num)s.") % {
                "num": ctx["overdue"]}
        doc.add_paragraph(text)

    # Gaps: one block per gap (a heading, then a two-column table), easier to edit than one
    # wide table
    doc.add_heading(g("Gaps, most serious first"), level=1)
    if not ctx["gaps"]:
        doc.add_paragraph(g("No gap was found among the requirements that could be decided."))
    for v in ctx["gaps"]:
        doc.add_heading(f"{v.r.code} {v.title}", level=2)
        rows = [[g("Severity"), v.severity_word],
                [g("References"), ", ".join(v.r.references)],
                [g("What the institution answered"), _answers_text(v, colon)],
                [g("Finding"), v.finding or ""],
                [g("Recommendation"), v.recommendation or ""]]
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

    # Requirements by area
    doc.add_heading(g("Requirements by area"), level=1)
    for area in ctx["areas"]:
        doc.add_heading(area["title"], level=2)
        for v in area["rules"]:
            if v.r.status == "not_applicable":
                continue
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(f"{v.r.code} ").bold = True
            para.add_run(f"{v.title} — ")
            para.add_run(v.status_word).bold = True
            para.add_run(f" ({v.severity_word}; {', '.join(v.r.references)})")
        na = [v for v in area["rules"] if v.r.status == "not_applicable"]
        if na:
            doc.add_paragraph(g("Not applicable") + colon + ", ".join(v.r.code for v in na))

    # Information the SCA will ask for
    doc.add_heading(g("Information the SCA will ask for"), level=1)
    if ctx["unknowns"]:
        for v in ctx["unknowns"]:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(f"{v.r.code} {v.title}").bold = True
            if v.reason:
                para.add_run(colon + v.reason)
    else:
        doc.add_paragraph(g("Every applicable requirement could be decided."))
    if ctx["unanswered"]:
        doc.add_heading(g("Questions to answer"), level=2)
        for q in ctx["unanswered"]:
            doc.add_paragraph(f"{q['label']} ({q['qid']})", style="List Bullet")

    # Method
    doc.add_heading(g("Annex 1. Method and scoring"), level=1)
    doc.add_paragraph(ctx["method"])

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
