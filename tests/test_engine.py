"""The durable_rules adapter: isolation, lifecycle, crash-class guards, agreement with the oracle."""

from __future__ import annotations

import json

import pytest

from paris_check.assessing import Assessor, rule_conditions
from paris_check.conditions import Test as CondTest
from paris_check.engine import SENTINEL, DurableEngine, compile_ruleset, facts_json, fnv1a32
from paris_check.errors import EngineError, RulePackError
from paris_check.facts import AnswerFact, answer_facts
from paris_check.questionnaire.load import load_questionnaire

from . import oracle
from .randomq import random_questionnaire


def test_fnv1a32_reference_vectors() -> None:
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968


def test_no_rule_matched_is_not_an_error(ruleset) -> None:
    with DurableEngine(rule_conditions(ruleset)) as engine:
        for _ in range(500):
            assert engine.evaluate({}) == frozenset()


def test_same_conditions_can_be_loaded_twice_and_closed_independently(ruleset) -> None:
    conditions = rule_conditions(ruleset)
    q = load_questionnaire({"establishment": {"legal_basis": "decree"}}).questionnaire
    facts = answer_facts(q)
    first = DurableEngine(conditions)
    second = DurableEngine(conditions)
    expected = first.evaluate(facts)
    assert ("ES01:gap", 0) in expected
    first.close()
    first.close()  # idempotent
    assert second.evaluate(facts) == expected
    with pytest.raises(EngineError):
        first.evaluate(facts)
    second.close()


def test_compiled_patterns_follow_the_safe_subset(ruleset) -> None:
    rules = compile_ruleset(rule_conditions(ruleset))
    assert rules[SENTINEL]["pri"] == 65535
    text = json.dumps(rules)
    assert "$not" not in text and '"any"' not in text
    for name, rule in rules.items():
        if name == SENTINEL:
            continue
        for pattern in rule["all"]:
            (body,) = pattern.values()
            tests = body["$and"]
            assert tests[0] == {"t": "a"}, name
            assert set(tests[1]) == {"q"}, name


def test_alpha_fanout_beyond_the_c_limit_is_refused() -> None:
    conditions = {f"R{i}:gap": ((CondTest("tenure.term_years", "value", "lt", float(i)),),)
                  for i in range(70)}
    with pytest.raises(RulePackError) as exc:
        DurableEngine(conditions)
    assert "tenure.term_years" in str(exc.value)


def test_fact_order_does_not_change_firings(ruleset) -> None:
    q = load_questionnaire(random_questionnaire(7)).questionnaire
    facts = answer_facts(q)
    reversed_facts: dict[str, AnswerFact] = dict(reversed(list(facts.items())))
    with DurableEngine(rule_conditions(ruleset)) as engine:
        assert engine.evaluate(facts) == engine.evaluate(reversed_facts)


def test_facts_json_has_unique_ids_and_one_sentinel(ruleset) -> None:
    q = load_questionnaire(random_questionnaire(3)).questionnaire
    facts = facts_json("sid", answer_facts(q))
    ids = [f["id"] for f in facts]
    assert len(ids) == len(set(ids))
    assert ids.count(SENTINEL) == 1


@pytest.mark.parametrize("seed", range(60))
def test_engine_agrees_with_the_oracle_on_random_questionnaires(seed: int, ruleset,
                                                                assessor: Assessor) -> None:
    q = load_questionnaire(random_questionnaire(seed, density=0.3 + (seed % 7) / 10)).questionnaire
    engine = {r.code: r.status for r in assessor.assess(q).results}
    assert engine == oracle.statuses(ruleset, q)


def test_assessing_twice_gives_identical_json(assessor: Assessor) -> None:
    q = load_questionnaire(random_questionnaire(11)).questionnaire
    assert assessor.assess(q).to_json() == assessor.assess(q).to_json()


def test_two_assessors_do_not_share_state(ruleset) -> None:
    q1 = load_questionnaire({"establishment": {"legal_basis": "decree"}}).questionnaire
    q2 = load_questionnaire({"establishment": {"legal_basis": "statute"}}).questionnaire
    with Assessor(ruleset) as a, Assessor(ruleset) as b:
        r1 = {r.code: r.status for r in a.assess(q1).results}
        r2 = {r.code: r.status for r in b.assess(q2).results}
        assert r1["ES01"] == "gap" and r2["ES01"] == "met"
        assert {r.code: r.status for r in a.assess(q1).results} == r1


def test_an_engine_dropped_without_close_frees_its_ruleset(ruleset) -> None:
    import gc

    engine = DurableEngine(rule_conditions(ruleset))
    finalizer = engine._finalizer
    assert finalizer.alive
    del engine
    gc.collect()
    assert not finalizer.alive
