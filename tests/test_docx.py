"""The editable documents: the gap report as DOCX and the Statement of Compliance draft."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

import paris_check
from paris_check.report.context import ReportTranslator
from paris_check.report.docx import render_docx
from paris_check.report.statement import PLACEHOLDER, render_statement, structure

ROOT = Path(__file__).resolve().parents[1]
STRONG = ROOT / "questionnaires" / "examples" / "strong-commission.yaml"
THREE = ('schema_version: "1.0"\nestablishment: {legal_basis: statute}\n'
         'mandate: {promotion: {in_law: "yes"}, protection: {in_law: "yes"}}\n')


def _headings(doc: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs
            if p.style.name.startswith(("Heading", "Title"))]


@pytest.fixture(scope="module")
def strong() -> Any:
    return paris_check.load_questionnaire(STRONG)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_docx_has_real_headings_tables_and_the_disclaimer(strong: Any, lang: str) -> None:
    a = paris_check.assess(strong)
    data = render_docx(a, lang=lang, questionnaire=strong)
    doc = Document(io.BytesIO(data))
    heads = _headings(doc)
    assert heads[0][0] == "Title"
    level1 = [t for s, t in heads if s == "Heading 1"]
    # the same order as the PDF: summary, gaps, met and not applicable, what the SCA will ask
    g = ReportTranslator(lang).gettext
    assert level1 == [g("Executive summary"), g("Gaps by area, most serious first"),
                      g("Requirements met and not applicable"), g("What the SCA will ask for")]
    assert len(doc.tables) == a.counts.gaps  # one table per gap
    codes = {r.code for r in a.gaps()}
    gap_heads = [t for s, t in heads if s == "Heading 3" and t.split(" ")[0] in codes]
    assert len(gap_heads) == a.counts.gaps == len(set(gap_heads))  # each gap once
    areas = [t for s, t in heads if s == "Heading 2"]
    assert {r.area for r in a.gaps()} and len(areas) >= len({r.area for r in a.gaps()})
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert ("GO 1." if lang == "en" else "OG 1.") in "\n".join(cells)
    assert "GO-1." not in "\n".join(cells)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert ("not an accreditation decision" in text) if lang == "en" else (
        "pas une décision d'accréditation" in text)
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer  # page numbers
    assert a.provenance.questionnaire_sha256 in doc.paragraphs[-1].text  # provenance last
    assert data == render_docx(a, lang=lang, questionnaire=strong)  # same bytes every time


def test_report_docx_annexes_on_request(strong: Any) -> None:
    a = paris_check.assess(strong)
    plain = Document(io.BytesIO(render_docx(a, questionnaire=strong)))
    full = Document(io.BytesIO(render_docx(a, questionnaire=strong, annexes=True)))
    for doc, present in ((plain, False), (full, True)):
        level1 = [t for s, t in _headings(doc) if s == "Heading 1"]
        assert ("Annex 1. Method and scoring" in level1) is present
        assert ("Annex 3. References" in level1) is present
    assert full.paragraphs[-1].text == plain.paragraphs[-1].text  # provenance stays last
    data = paris_check.render(a, "docx", questionnaire=strong, annexes=True)
    assert "Annex 3. References" in [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_statement_has_every_section_and_prefills_answers(strong: Any) -> None:
    doc = Document(io.BytesIO(render_statement(strong)))
    heads = [t for s, t in _headings(doc) if s == "Heading 1"]
    _, sections = structure()
    assert heads == [f"{s.id}. {s.title}" for s in sections]
    items = [t for s, t in _headings(doc) if s == "Heading 2"]
    assert len(items) == sum(len(s.items) for s in sections)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "HRC Act 2011, s. 18" in text  # evidence cited as the SoC asks
    assert doc.tables, "previous SCA recommendations as a table"


def test_statement_marks_every_unknown_answer_with_a_placeholder() -> None:
    q = paris_check.load_questionnaire(THREE, name="three.yaml")
    doc = Document(io.BytesIO(render_statement(q)))
    marker = PLACEHOLDER.split("%")[0]
    holes = [p.text for p in doc.paragraphs if p.text.startswith(marker)]
    _, sections = structure()
    asked = {qid for s in sections for i in s.items for qid in i.answers}
    answered = {"establishment.legal_basis", "mandate.promotion", "mandate.protection"}
    # one placeholder per unanswered question, plus the previous recommendations
    assert len(holes) == sum(len([x for x in i.answers if x not in answered])
                             for s in sections for i in s.items) + 1
    assert answered <= asked


def test_statement_in_french(strong: Any) -> None:
    doc = Document(io.BytesIO(render_statement(strong, lang="fr")))
    assert _headings(doc)[0][1] == "Déclaration de conformité (projet)"


def test_cli_statement_and_docx_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from paris_check.cli import main

    src = tmp_path / "inst.yaml"
    src.write_text(STRONG.read_text("utf-8"), "utf-8")
    run = CliRunner().invoke
    r = run(main, ["statement", str(src), "--lang", "fr"])
    assert r.exit_code == 0, r.stderr
    draft = tmp_path / "inst-statement.docx"
    assert Document(str(draft)).paragraphs[0].text == "Déclaration de conformité (projet)"
    r = run(main, ["report", str(src), "-o", str(tmp_path / "r.docx")])
    assert r.exit_code == 0, r.stderr
    assert _headings(Document(str(tmp_path / "r.docx")))[0][0] == "Title"
    r = run(main, ["statement", str(src), "-o", str(src)])
    assert r.exit_code == 2 and "PC026" in r.stderr  # never over the questionnaire


def test_cli_refuses_a_justification_of_an_unknown_rule(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from paris_check.cli import main

    f = tmp_path / "q.yaml"
    f.write_text(THREE + "justifications:\n  SE99:\n    text: pending bill\n", "utf-8")
    for cmd in (["validate", str(f)], ["assess", str(f)]):
        r = CliRunner().invoke(main, cmd)
        assert r.exit_code == 2, (cmd, r.stderr)
        assert f"{f}:5:3: PC019" in r.stderr and "did you mean" in r.stderr


def test_arabic_documents_are_laid_out_right_to_left(strong: Any) -> None:
    for data in (render_statement(strong, lang="ar"),
                 render_docx(paris_check.assess(strong), lang="ar", questionnaire=strong)):
        doc = Document(io.BytesIO(data))
        assert all("<w:bidi/>" in p._p.xml for p in doc.paragraphs if p.text)
        assert "<w:bidi/>" in doc.sections[0]._sectPr.xml
