"""The shipped questionnaires: all valid, the template fresh and blank, the examples complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paris_check.facts import answer_facts
from paris_check.questionnaire.catalogue import questions
from paris_check.questionnaire.load import load_questionnaire
from paris_check.questionnaire.model import Questionnaire
from paris_check.questionnaire.template import SCHEMA_REF, render_template

ROOT = Path(__file__).resolve().parents[1]
QDIR = ROOT / "questionnaires"
TEMPLATE = QDIR / "template.yaml"
STRONG = QDIR / "examples" / "strong-commission.yaml"
WEAK = QDIR / "examples" / "weak-advisory-council.yaml"
ALL_FILES = sorted(QDIR.rglob("*.yaml"))


def _load(path: Path) -> Questionnaire:
    return load_questionnaire(path).questionnaire


def test_there_are_questionnaires() -> None:
    assert {TEMPLATE, STRONG, WEAK} <= set(ALL_FILES)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(QDIR)))
def test_every_questionnaire_validates(path: Path) -> None:
    q = _load(path)
    assert q.schema_version == "1.0"


def test_template_is_fresh() -> None:
    assert TEMPLATE.read_text("utf-8") == render_template(), (
        "questionnaires/template.yaml is stale: run `python3 scripts/dev.py generate`")


def test_template_loads_with_every_question_unanswered() -> None:
    text = render_template()
    facts = answer_facts(load_questionnaire(text, name="template.yaml").questionnaire)
    answered = [qid for qid, f in facts.items() if f.state != "missing"]
    assert not answered
    assert set(facts) == set(questions())


def test_template_lists_every_question_with_help() -> None:
    text = render_template()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_REF}"
    assert all(len(line) <= 100 for line in text.splitlines())
    for q in questions().values():
        if q.kind == "derived":
            assert f"  {q.name}:" not in text
            continue
        assert f"\n  {q.name}:" in text, q.id
        assert q.label.rstrip(".") in " ".join(text.replace("# ", " ").split()), q.id


def test_template_explains_the_answer_forms() -> None:
    head = render_template().split("schema_version")[0]
    for words in ("in_law", "in_practice", "unknown", "not_applicable", "unanswered",
                  "provision", "document", "url", "text", 'same as "no"'):
        assert words in head, words


def _unanswered(q: Questionnaire) -> list[str]:
    out = []
    for qid, question in questions().items():
        if question.kind == "derived":
            continue
        if getattr(getattr(q, question.section), question.name) is None:
            out.append(qid)
    return out


@pytest.mark.parametrize("path", [STRONG, WEAK], ids=["strong", "weak"])
def test_main_examples_answer_every_question(path: Path) -> None:
    missing = _unanswered(_load(path))
    assert not missing, f"{path.name} leaves out: {', '.join(missing)} (answer them)"


def test_strong_example_is_a_likely_without_blocker(assessor: Any) -> None:
    result = assessor.assess(_load(STRONG))
    blockers = [r.code for r in result.results if r.status == "gap" and r.severity == "blocker"]
    assert not blockers
    assert result.status.label == "A likely", result.status.reasons
    assert result.counts.met > result.counts.gaps


def test_weak_example_is_b_likely(assessor: Any) -> None:
    result = assessor.assess(_load(WEAK))
    assert result.status.label == "B likely", result.status.reasons
    assert result.counts.gaps_by_severity["blocker"] >= 2


def test_template_states_the_number_ranges() -> None:
    text = render_template()
    term = text.split("\n  term_years:")[0].rsplit("\n  # Length", 1)[1]
    assert "Answer: a number from 1 to 30 (or unknown)." in term
    assert text.count("Answer: a number from 0 to 100 (or unknown).") == 3
    assert text.count("Answer: a year from 1993 to 2100 (or unknown).") == 2
