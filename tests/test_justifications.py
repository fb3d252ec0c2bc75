"""Recorded justifications: shown beside the gap, never hiding it or changing the status."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from docx import Document

import paris_check
from paris_check.compare import diff_assessments
from paris_check.errors import QuestionnaireError
from paris_check.report import render_markdown
from paris_check.report.docx import render_docx

BASE = ('schema_version: "1.0"\nestablishment: {legal_basis: decree}\n'
        'mandate: {promotion: {in_law: "yes"}, protection: {in_law: "yes"}}\n')
JUST = BASE + ("justifications:\n  ES01:\n    text: \"A bill creating the institution by law was "
               "tabled in March.\"\n    by: Legal unit\n    date: 2026-03-15\n"
               "    until: 2026-09-30\n")


def _load(text: str, name: str = "q.yaml") -> paris_check.Questionnaire:
    return paris_check.load_questionnaire(text, name=name)


def test_a_justification_never_changes_the_gap_or_the_status() -> None:
    plain, justified = (paris_check.assess(_load(t)) for t in (BASE, JUST))
    r = next(x for x in justified.results if x.code == "ES01")
    assert r.status == "gap" and r.justification is not None
    assert r.justification.until == "2026-09-30" and r.justification.by == "Legal unit"
    assert justified.status == plain.status
    assert justified.counts.gaps == plain.counts.gaps and justified.counts.justified == 1
    data = json.loads(justified.to_json())
    assert next(x for x in data["results"] if x["code"] == "ES01")["justification"]["text"]


@pytest.mark.parametrize("today,overdue", [(datetime.date(2026, 6, 1), False),
                                           (datetime.date(2026, 10, 1), True)])
def test_reports_show_it_beside_the_gap_and_flag_it_when_overdue(today: datetime.date,
                                                                  overdue: bool) -> None:
    from paris_check.i18n import Translator
    from paris_check.report.context import build_context

    q = _load(JUST)
    a = paris_check.assess(q)
    ctx = build_context(a, Translator("en"), q, today=today)
    view = next(v for v in ctx["gaps"] if v.r.code == "ES01")
    assert view.justification["overdue"] is overdue
    assert ctx["justified"] == 1 and ctx["overdue"] == int(overdue)
    md = render_markdown(a, questionnaire=q)
    assert "Justification recorded by the institution" in md and "tabled in March" in md
    doc = Document(io.BytesIO(render_docx(a, questionnaire=q)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("tabled in March" in c for c in cells)


def test_diff_reports_justifications_added_removed_and_expired() -> None:
    before, after = paris_check.assess(_load(BASE)), paris_check.assess(_load(JUST))
    added = diff_assessments(before, after, today=datetime.date(2026, 6, 1)).justifications
    assert [(j.code, j.change) for j in added] == [("ES01", "added")]
    removed = diff_assessments(after, before).justifications
    assert [(j.code, j.change) for j in removed] == [("ES01", "removed")]
    expired = diff_assessments(after, after, today=datetime.date(2027, 1, 1)).justifications
    assert [(j.code, j.change) for j in expired] == [("ES01", "expired")]
    assert "## Justifications" in diff_assessments(after, after,
                                                   today=datetime.date(2027, 1, 1)).to_markdown()


def test_unknown_rule_code_is_a_located_error_with_a_suggestion() -> None:
    text = BASE + "justifications:\n  ES10:\n    text: x\n"
    with pytest.raises(QuestionnaireError) as exc:
        paris_check.assess(_load(text, "j.yaml"))
    line = exc.value.one_line()
    assert line.startswith("j.yaml:5:3: PC019") and "did you mean" in line


def test_a_key_that_is_not_a_rule_code_is_refused_by_the_loader() -> None:
    with pytest.raises(QuestionnaireError, match="not a rule code"):
        _load(BASE + "justifications:\n  selection: {text: x}\n")
