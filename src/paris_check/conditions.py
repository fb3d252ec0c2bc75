"""The condition language of rule packs, independent of any engine.

A condition is a tree written in YAML::

    any:                                       # also: all: [...], not: {...}
      - {q: selection.vacancies_advertised, law: no}
      - {q: selection.vacancies_advertised, practice: [no, partly]}
      - {q: tenure.term_years, lt: 3}
      - {q: profile.institution_type, is: [ombudsman, hybrid]}
      - {q: composition.pluralism_models, includes: members}

Leaves test one question: ``law``/``practice`` (law/practice questions), ``is`` (choice questions,
one value or a list), ``lt``/``lte``/``gt``/``gte`` (numbers), ``includes``/``excludes``
(multi-choice questions). A leaf whose answer is missing, unknown or not applicable is neither
true nor false: conditions use three-valued (Kleene) logic, so an unanswered question can never
make a requirement look met.

Compilation turns a condition into disjunctive normal form (a list of conjunctions of
:class:`Test`), with negation pushed down to the leaves; engines only ever see :class:`Test`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .questionnaire.catalogue import Question

Scalar = str | float | int

LEAF_OPS = ("law", "practice", "is", "lt", "lte", "gt", "gte", "includes", "excludes")
NUMERIC_OPS = {"lt", "lte", "gt", "gte"}
NEGATE_OP = {"eq": "neq", "neq": "eq", "in": "not_in", "not_in": "in",
             "lt": "gte", "gte": "lt", "gt": "lte", "lte": "gt"}
MAX_CONJUNCTS = 32


class ConditionError(ValueError):
    """A condition is malformed; ``loc`` points inside the condition."""

    def __init__(self, message: str, loc: tuple[str | int, ...] = (), hint: str | None = None):
        super().__init__(message)
        self.loc = loc
        self.hint = hint


@dataclass(frozen=True, order=True)
class Test:
    """One engine-level test on one attribute of one answer.

    ``attr`` is ``law``, ``practice``, ``value`` or ``opt.<choice>`` (multi-choice flags, whose
    value is ``yes`` or ``no``). ``op`` is eq/neq/in/not_in/lt/lte/gt/gte.
    """

    qid: str
    attr: str
    op: str
    value: Scalar | tuple[Scalar, ...]

    def negate(self) -> Test:
        return Test(self.qid, self.attr, NEGATE_OP[self.op], self.value)

    def holds(self, actual: Scalar | None) -> bool | None:
        """Three-valued truth of this test for the actual attribute value."""
        if actual is None:
            return None
        v = self.value
        match self.op:
            case "eq":
                return actual == v
            case "neq":
                return actual != v
            case "in":
                return actual in v  # type: ignore[operator]
            case "not_in":
                return actual not in v  # type: ignore[operator]
            case "lt":
                return float(actual) < float(v)  # type: ignore[arg-type]
            case "lte":
                return float(actual) <= float(v)  # type: ignore[arg-type]
            case "gt":
                return float(actual) > float(v)  # type: ignore[arg-type]
            case "gte":
                return float(actual) >= float(v)  # type: ignore[arg-type]
        raise ValueError(self.op)  # pragma: no cover


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Test | And | Or | Not
Conjunct = tuple[Test, ...]
DNF = tuple[Conjunct, ...]


def parse(raw: Any, questions: dict[str, Question], loc: tuple[str | int, ...] = ()) -> Node:
    """Parse a YAML condition, checking every question ID, operator and value."""
    if not isinstance(raw, dict):
        raise ConditionError("a condition must be a mapping (all/any/not or a {q: ...} test)", loc)
    combinators = [k for k in ("all", "any", "not") if k in raw]
    if combinators:
        if len(raw) != 1:
            raise ConditionError(f"`{combinators[0]}` must be alone in its mapping", loc)
        key = combinators[0]
        body = raw[key]
        if key == "not":
            return Not(parse(body, questions, (*loc, "not")))
        if not isinstance(body, list) or not body:
            raise ConditionError(f"`{key}` needs a non-empty list of conditions", (*loc, key))
        items = tuple(parse(item, questions, (*loc, key, i)) for i, item in enumerate(body))
        return And(items) if key == "all" else Or(items)
    return _parse_leaf(raw, questions, loc)


def _parse_leaf(raw: dict[str, Any], questions: dict[str, Question],
                loc: tuple[str | int, ...]) -> Node:
    from .yamlio import did_you_mean

    qid = raw.get("q")
    if not isinstance(qid, str):
        raise ConditionError("a test needs `q: <question id>` (or all/any/not)", loc)
    if qid not in questions:
        guess = did_you_mean(qid, questions)
        raise ConditionError(f"unknown question {qid!r}", (*loc, "q"),
                             hint=f"did you mean {guess!r}?" if guess else
                             "see `paris-check questions` for the list")
    question = questions[qid]
    ops = [k for k in raw if k != "q"]
    if len(ops) != 1 or ops[0] not in LEAF_OPS:
        raise ConditionError(f"a test has `q` and exactly one of {', '.join(LEAF_OPS)}; got "
                             f"{', '.join(ops) or 'nothing'}", loc)
    op = ops[0]
    value = raw[op]
    where = (*loc, op)
    kind = question.kind
    if not question.comparable:
        raise ConditionError(f"{qid} is free text; rules may not test it", where)
    if op in ("law", "practice"):
        if kind != "law_practice":
            raise ConditionError(f"`{op}` only works on law/practice questions; {qid} is {kind}",
                                 where, hint="use `is`, a comparison or `includes`")
        return _membership(qid, op, value, question.choices, where)
    if op == "is":
        if kind != "choice":
            raise ConditionError(f"`is` only works on choice questions; {qid} is {kind}", where)
        return _membership(qid, "value", value, question.choices, where)
    if op in NUMERIC_OPS:
        if kind not in ("number", "derived"):
            raise ConditionError(f"`{op}` only works on number questions; {qid} is {kind}", where)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"`{op}` needs a number, got {value!r}", where)
        return Test(qid, "value", op, float(value))
    # includes / excludes
    if kind != "multi":
        raise ConditionError(f"`{op}` only works on multi-choice questions; {qid} is {kind}", where)
    if value not in question.choices:
        raise ConditionError(f"{value!r} is not a choice of {qid}", where,
                             hint="choices: " + ", ".join(question.choices))
    return Test(qid, f"opt.{value}", "eq", "yes" if op == "includes" else "no")


def _membership(qid: str, attr: str, value: Any, choices: tuple[str, ...],
                where: tuple[str | int, ...]) -> Test:
    values = value if isinstance(value, list) else [value]
    if not values:
        raise ConditionError("the list of values is empty", where)
    for v in values:
        if not isinstance(v, str) or v not in choices:
            raise ConditionError(f"{v!r} is not an allowed value for {qid}", where,
                                 hint="allowed: " + ", ".join(choices))
    if len(values) == 1:
        return Test(qid, attr, "eq", values[0])
    return Test(qid, attr, "in", tuple(sorted(set(values))))


def negate(node: Node) -> Node:
    """Logical negation (valid under Kleene three-valued logic)."""
    return Not(node)


def to_dnf(node: Node) -> DNF:
    """Disjunctive normal form with negations pushed onto the tests (De Morgan)."""
    dnf = _dnf(node, positive=True)
    # Drop duplicate tests inside conjuncts and duplicate conjuncts; keep a stable order.
    seen: set[Conjunct] = set()
    out: list[Conjunct] = []
    for conj in dnf:
        c = tuple(sorted(set(conj)))
        if c not in seen:
            seen.add(c)
            out.append(c)
    if len(out) > MAX_CONJUNCTS:
        raise ConditionError(f"the condition expands to {len(out)} alternatives (limit "
                             f"{MAX_CONJUNCTS}); split the rule or simplify it")
    return tuple(out)


def _dnf(node: Node, positive: bool) -> list[Conjunct]:
    if isinstance(node, Test):
        return [(node if positive else node.negate(),)]
    if isinstance(node, Not):
        return _dnf(node.item, not positive)
    conjunctive = isinstance(node, And) == positive
    parts = [_dnf(item, positive) for item in node.items]
    if not conjunctive:
        return [c for part in parts for c in part]
    result: list[Conjunct] = [()]
    for part in parts:
        result = [a + b for a in result for b in part]
        if len(result) > MAX_CONJUNCTS * 4:
            raise ConditionError("the condition is too complex to evaluate")
    return result


def tests_of(node: Node) -> Iterable[Test]:
    """Every test in a condition tree."""
    if isinstance(node, Test):
        yield node
    elif isinstance(node, Not):
        yield from tests_of(node.item)
    else:
        for item in node.items:
            yield from tests_of(item)


def questions_of(node: Node | None) -> tuple[str, ...]:
    """The question IDs a condition reads, sorted."""
    return tuple(sorted({t.qid for t in tests_of(node)})) if node is not None else ()


def evaluate(node: Node, attrs: dict[str, dict[str, Scalar]]) -> bool | None:
    """Kleene evaluation of a condition tree (used by explanations and the test oracle).

    ``attrs`` maps question ID to its attribute values (see :mod:`paris_check.facts`); a
    question that is missing, unknown or not applicable has no entry.
    """
    if isinstance(node, Test):
        return node.holds(attrs.get(node.qid, {}).get(node.attr))
    if isinstance(node, Not):
        v = evaluate(node.item, attrs)
        return None if v is None else not v
    values = [evaluate(i, attrs) for i in node.items]
    if isinstance(node, And):
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None
