"""Rule-pack validation: every authoring mistake is a clear error naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from paris_check.errors import RulePackError
from paris_check.packs import load_packs

GOOD_RULE = """
  - code: {code}
    slug: {slug}
    title: Established by statute
    severity: blocker
    confidence: verified
    references: [{ref}]
    gap_when: {cond}
    finding: Not established by law.
    recommendation: Adopt a law.
    rationale: Permanence matters.
    examples:
      - name: bad
        expect: gap
        answers: {{establishment.legal_basis: decree}}
      - name: good
        expect: met
        answers: {{establishment.legal_basis: statute}}
"""
HEADER = """pack: {name}
version: 1.0.0
title: Test pack
area: test
description: A pack for tests.
rules:
"""
COND = "{q: establishment.legal_basis, is: decree}"


def write_pack(tmp_path: Path, name: str = "p", *, code: str = "TT01", slug: str = "not-by-law",
               ref: str = "GO-1.1-R1", cond: str = COND, extra: str = "") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEADER.format(name=name) +
                    GOOD_RULE.format(code=code, slug=slug, ref=ref, cond=cond) + extra)
    return path


def error_text(paths: list[Path]) -> str:
    with pytest.raises(RulePackError) as exc:
        load_packs(paths)
    return exc.value.one_line()


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    rs = load_packs([write_pack(tmp_path)])
    assert rs.rule("TT01").spec.slug == "not-by-law"
    assert rs.rule("not-by-law").code == "TT01"


def test_unknown_question_is_named_with_position(tmp_path: Path) -> None:
    p = write_pack(tmp_path, cond="{q: establishment.legal_basys, is: decree}")
    text = error_text([p])
    assert "unknown question 'establishment.legal_basys'" in text
    assert "did you mean 'establishment.legal_basis'" in text
    assert f"{p}:14:16:" in text


def test_wrong_operator_for_question_kind(tmp_path: Path) -> None:
    text = error_text([write_pack(tmp_path, cond="{q: establishment.legal_basis, lt: 3}")])
    assert "only works on number questions" in text


def test_value_not_allowed(tmp_path: Path) -> None:
    text = error_text([write_pack(tmp_path, cond="{q: establishment.legal_basis, is: decre}")])
    assert "'decre' is not an allowed value" in text


def test_unknown_reference(tmp_path: Path) -> None:
    text = error_text([write_pack(tmp_path, ref="GO-1.88")])
    assert "unknown reference 'GO-1.88'" in text


def test_duplicate_code_across_packs(tmp_path: Path) -> None:
    a = write_pack(tmp_path, "a")
    b = write_pack(tmp_path, "b", slug="other-slug")
    text = error_text([a, b])
    assert "'TT01' is already used" in text and "b.yaml" in text


def test_missing_examples_and_references(tmp_path: Path) -> None:
    p = tmp_path / "p.yaml"
    p.write_text(HEADER.format(name="p") + """
  - code: TT02
    slug: no-examples
    title: T
    severity: major
    confidence: verified
    references: []
    gap_when: {q: establishment.legal_basis, is: decree}
    finding: F
    recommendation: R
    rationale: W
    examples: []
""")
    text = error_text([p])
    assert "references" in text and "examples" in text and f"{p}:" in text


def test_unknown_key_and_bad_code(tmp_path: Path) -> None:
    p = write_pack(tmp_path, code="T1")
    text = error_text([p])
    assert "two capital letters and two digits" in text
    p.write_text(p.read_text().replace("title: Established", "titel: x\n    title: Established"))
    assert "unknown key 'titel'" in error_text([p])


def test_example_answering_unknown_question(tmp_path: Path) -> None:
    p = write_pack(tmp_path)
    p.write_text(p.read_text().replace("answers: {establishment.legal_basis: statute}",
                                       "answers: {establishment.legal_bass: statute}"))
    assert "answers unknown question" in error_text([p])


def test_a_pack_that_would_overflow_the_engine_is_refused(tmp_path: Path) -> None:
    from paris_check.assessing import Assessor

    rules = []
    for i in range(70):
        rules.append(GOOD_RULE.format(code=f"TT{i:02d}", slug=f"rule-number{i}",
                                      ref="GO-1.1-R1",
                                      cond=f"{{q: tenure.term_years, lt: {i + 1}}}")
                     .replace("{establishment.legal_basis: decree}", "{tenure.term_years: 0}")
                     .replace("{establishment.legal_basis: statute}", "{tenure.term_years: 99}"))
    p = tmp_path / "big.yaml"
    p.write_text(HEADER.format(name="big") + "".join(rules))
    rs = load_packs([p])
    with pytest.raises(RulePackError) as exc:
        Assessor(rs)
    assert "tenure.term_years" in exc.value.one_line()
