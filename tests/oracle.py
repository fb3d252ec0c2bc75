"""A plain-Python reference evaluator of the rule condition language (the test oracle).

It evaluates each rule's condition *trees* directly with three-valued (Kleene) logic, without
DNF, without durable_rules and without any code of :mod:`paris_check.assessing` beyond shared
models, so that a mistake in compilation or in the engine adapter shows up as a difference.
"""

from __future__ import annotations

from paris_check.conditions import And, Node, Not, Or, Test, tests_of
from paris_check.facts import AnswerFact, answer_facts
from paris_check.packs import RuleSet
from paris_check.questionnaire.model import Questionnaire


def kleene(node: Node, facts: dict[str, AnswerFact]) -> bool | None:
    if isinstance(node, Test):
        actual = facts[node.qid].attrs.get(node.attr)
        if actual is None:
            return None
        v = node.value
        return {
            "eq": lambda: actual == v,
            "neq": lambda: actual != v,
            "in": lambda: actual in v,
            "not_in": lambda: actual not in v,
            "lt": lambda: float(actual) < float(v),
            "lte": lambda: float(actual) <= float(v),
            "gt": lambda: float(actual) > float(v),
            "gte": lambda: float(actual) >= float(v),
        }[node.op]()
    if isinstance(node, Not):
        inner = kleene(node.item, facts)
        return None if inner is None else not inner
    values = [kleene(i, facts) for i in node.items]
    if isinstance(node, And):
        if False in values:
            return False
        return True if all(v is True for v in values) else None
    assert isinstance(node, Or)
    if True in values:
        return True
    return False if all(v is False for v in values) else None


def statuses(ruleset: RuleSet, questionnaire: Questionnaire) -> dict[str, str]:
    """Rule code -> met / gap / unknown / not_applicable, computed independently."""
    facts = answer_facts(questionnaire)
    out: dict[str, str] = {}
    for pack in ruleset.packs:
        for rule in pack.rules:
            applies = [n for n in (pack.applies, rule.applies) if n is not None]
            app = kleene(And(tuple(applies)), facts) if applies else True
            if app is False:
                out[rule.code] = "not_applicable"
                continue
            if app is None:
                out[rule.code] = "unknown"
                continue
            gap = kleene(rule.gap, facts)
            if gap is True:
                out[rule.code] = "gap"
            elif gap is False:
                out[rule.code] = "met"
            else:
                reads = {t.qid for t in tests_of(rule.gap)}
                states = {facts[q].state for q in reads}
                declared = "not_applicable" in states and not states & {"missing", "unknown"}
                out[rule.code] = "not_applicable" if declared else "unknown"
    return out
