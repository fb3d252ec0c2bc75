"""Calibration against real SCA outcomes (tests/calibration_expectations.yaml).

For each case: the indicative status must be "A likely" for an A and "B likely" for a B, and
every GO the SCA cited must be among the gaps found (a gap whose references include the GO or
one of its requirements GO-x.y-Rn). Extra gaps are allowed: the cited GOs are lower bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from paris_check.questionnaire.load import load_questionnaire
from paris_check.results import Assessment
from paris_check.standards import parent_of

ROOT = Path(__file__).resolve().parents[1]
EXPECTATIONS = ROOT / "tests" / "calibration_expectations.yaml"
LABEL = {"A": "A likely", "B": "B likely"}

# Cases that cannot pass without distorting rules or inventing facts. Each entry names the
# reason; strict=True makes the test fail as soon as the case starts passing.
SPARSE = ("insufficient information: the source leaves most blocker-level questions "
          "unanswered (more than half unknown)")
KNOWN_MISMATCHES: dict[str, str] = {}


def _cases() -> list[dict[str, Any]]:
    return YAML(typ="safe", pure=True).load(EXPECTATIONS.read_text("utf-8"))["cases"]


def _params() -> list[Any]:
    out = []
    for case in _cases():
        marks = []
        if case["id"] in KNOWN_MISMATCHES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISMATCHES[case["id"]]))
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def flagged_gos(result: Assessment) -> set[str]:
    """Every GO (``GO-x.y``) cited by a gap, directly or through one of its requirements."""
    out: set[str] = set()
    for r in result.results:
        if r.status == "gap":
            out |= {parent_of(ref) for ref in r.references if ref.startswith("GO-")}
    return out


@pytest.fixture(scope="module")
def results(assessor: Any) -> dict[str, Assessment]:
    return {c["id"]: assessor.assess(load_questionnaire(ROOT / c["file"]).questionnaire)
            for c in _cases()}


def test_expectations_cover_every_calibration_file() -> None:
    files = {c["file"] for c in _cases()}
    on_disk = {str(p.relative_to(ROOT))
               for p in (ROOT / "questionnaires/examples/calibration").glob("*.yaml")}
    assert files == on_disk
    assert all(c["sca_status"] in LABEL and c["cited_gos"] for c in _cases())


@pytest.mark.parametrize("case", _params())
def test_calibration_case(case: dict[str, Any], results: dict[str, Assessment]) -> None:
    result = results[case["id"]]
    problems = []
    expected = LABEL[case["sca_status"]]
    if result.status.label != expected:
        problems.append(f"status {result.status.label!r}, SCA gave {case['sca_status']} "
                        f"({'; '.join(result.status.reasons)})")
    missing = sorted(set(case["cited_gos"]) - flagged_gos(result))
    if missing:
        problems.append(f"cited GOs not among the gaps: {', '.join(missing)}")
    assert not problems, f"{case['id']}: " + " | ".join(problems)
