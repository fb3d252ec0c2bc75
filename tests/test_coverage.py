"""Coverage: every Paris Principles clause and GO item has a rule or a reasoned exclusion, every
question is read by some rule, and rule references are used consistently.

These tests read the bundled packs; adding a standard or a question without a rule makes them
fail until a rule (or, for standards, an exclusion with a reason) is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paris_check.coverage import (
    NOT_COVERED,
    CoverageRow,
    coverage_matrix,
    load_exclusions,
    uncovered,
)
from paris_check.packs import RuleSet, load_packs
from paris_check.questionnaire.catalogue import questions
from paris_check.standards import standards


def _read_questions(ruleset: RuleSet) -> set[str]:
    """Questions read by any gap or applicability condition (pack-level included)."""
    read: set[str] = set()
    for pack in ruleset.packs:
        if pack.applies is not None:
            from paris_check.conditions import questions_of

            read.update(questions_of(pack.applies))
        for rule in pack.rules:
            read.update(rule.reads)
            read.update(rule.reads_for_applicability)
    # A question is also read through the derived (computed) questions built from it.
    for q in questions().values():
        if q.kind == "derived" and q.id in read and q.derived_from:
            read.update(s.strip() for s in q.derived_from.split(","))
    return read


def test_every_pp_and_go_id_has_a_rule_or_an_exclusion(ruleset: RuleSet) -> None:
    missing = uncovered(ruleset)
    assert not missing, "no rule and no exclusion for: " + ", ".join(missing)


def test_matrix_lists_every_pp_and_go_id(ruleset: RuleSet) -> None:
    rows = coverage_matrix(ruleset)
    wanted = [s.id for s in standards().values() if s.instrument in ("PP", "GO")]
    assert [r.id for r in rows] == wanted
    assert all(isinstance(r, CoverageRow) for r in rows)


def test_every_question_is_read_by_a_rule(ruleset: RuleSet) -> None:
    read = _read_questions(ruleset)
    # Free text can never be tested by a condition; everything else must be used.
    unread = sorted(q.id for q in questions().values() if q.kind != "text" and q.id not in read)
    assert not unread, "questions read by no rule: " + ", ".join(unread)


def test_exclusions_name_known_ids_without_rules(ruleset: RuleSet) -> None:
    excl = load_exclusions()
    assert excl, "rules/_exclusions.yaml is missing or empty"
    known = standards()
    unknown = sorted(i for i in excl if i not in known)
    assert not unknown, "exclusions name unknown IDs: " + ", ".join(unknown)
    cited = {ref for rule in ruleset.rules for ref in rule.spec.references}
    both = sorted(i for i in excl if i in cited)
    assert not both, "excluded but also cited by a rule: " + ", ".join(both)


def test_non_checkable_items_are_excluded() -> None:
    excl = load_exclusions()
    missing = sorted(s.id for s in standards().values() if not s.checkable and s.id not in excl)
    assert not missing, "checkable: false in standards.yaml but not excluded: " + ", ".join(missing)


def test_no_failing_rule_rests_on_an_unverified_reference(ruleset: RuleSet) -> None:
    std = standards()
    bad = sorted(f"{r.code} ({r.spec.severity}, {r.spec.references[0]})" for r in ruleset.rules
                 if r.spec.severity in ("blocker", "major")
                 and std[r.spec.references[0]].verification == "unverified")
    assert not bad, "blocker/major rules whose first reference is unverified: " + ", ".join(bad)


def test_go_heading_is_covered_through_its_requirements(tmp_path: Path) -> None:
    pack = tmp_path / "one.yaml"
    pack.write_text(
        "pack: one\nversion: 1.0.0\ntitle: One\narea: one\ndescription: d\nrules:\n"
        "  - code: ZZ01\n    slug: zz-one\n    title: t\n    severity: minor\n"
        "    confidence: verified\n    references: [GO-1.8-R1]\n"
        "    gap_when: {q: selection.vacancies_advertised, law: 'no'}\n"
        "    finding: f\n    recommendation: r\n    rationale: r\n    examples:\n"
        "      - {name: a, expect: gap, answers: {selection.vacancies_advertised: {in_law: 'no'}}}\n"
        "      - {name: b, expect: met, answers: {selection.vacancies_advertised: "
        "{in_law: 'yes', in_practice: 'yes'}}}\n", encoding="utf-8")
    rs = load_packs([pack])
    rows = {r.id: r for r in coverage_matrix(rs, exclusions={"PP-A3": "chapeau"})}
    assert rows["GO-1.8"].rules == ("ZZ01",)
    assert rows["GO-1.8-R1"].rules == ("ZZ01",)
    assert rows["GO-1.8-R2"].status == NOT_COVERED
    assert rows["PP-A3"].status == "excluded"
    missing = uncovered(rs, exclusions={})
    assert "GO-1.8" not in missing and "GO-1.8-R2" in missing and "PP-A3" in missing


@pytest.mark.parametrize("bad", ["exclusions: {PP-A3: x}\n", "exclusions:\n  - {id: PP-A3}\n"])
def test_malformed_exclusions_are_rejected(tmp_path: Path, bad: str) -> None:
    from paris_check.errors import RulePackError

    path = tmp_path / "_exclusions.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RulePackError):
        load_exclusions(path)
