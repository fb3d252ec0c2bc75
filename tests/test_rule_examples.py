"""Every example of every rule, run through durable_rules and through the plain-Python oracle.

Parametrised automatically from the rule packs: adding an example to a pack adds a test.
"""

from __future__ import annotations

from typing import Any

import pytest

from paris_check.packs import load_bundled
from paris_check.questionnaire.load import load_questionnaire
from paris_check.questionnaire.model import Questionnaire
from paris_check.rulecheck import nest

from . import oracle


def example_questionnaire(answers: dict[str, Any]) -> Questionnaire:
    return load_questionnaire(nest(answers), name="<example>").questionnaire


CASES = [
    pytest.param(rule.code, ex, id=f"{rule.pack}/{rule.code}/{ex.name}")
    for rule in load_bundled().rules
    for ex in rule.spec.examples
]


@pytest.mark.parametrize(("code", "example"), CASES)
def test_example(code: str, example: Any, ruleset, assessor) -> None:
    q = example_questionnaire(example.answers)
    result = {r.code: r for r in assessor.assess(q).results}[code]
    assert result.status == example.expect, (
        f"{code} example {example.name!r}: expected {example.expect}, got {result.status} "
        f"({result.reason or result.explanation.because})")
    assert oracle.statuses(ruleset, q)[code] == example.expect, "oracle disagrees with the example"
    if result.status == "gap":
        assert result.finding and result.explanation.because
        assert "{" not in result.finding


def test_every_rule_has_gap_and_met_examples(ruleset) -> None:
    for rule in ruleset.rules:
        expects = {e.expect for e in rule.spec.examples}
        assert {"gap", "met"} <= expects, rule.code
