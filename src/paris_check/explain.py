"""Explanations as data: the tests of a rule's conditions, with the answers they read.

:mod:`paris_check.wording` turns these records into words; nothing here is language.
"""

from __future__ import annotations

from collections.abc import Mapping

from .conditions import Conjunct, Test
from .facts import AnswerFact
from .results import Condition, Remedy, TestRecord, Value
from .vocabulary import Aspect, Operator


def _plain(v: object) -> Value:
    """A number as written (whole numbers as ``int``); text as text."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return int(v) if float(v).is_integer() else float(v)
    return str(v)


def includes(test: Test) -> bool:
    """Whether a multiple-choice flag test asks for the option to be ticked."""
    ticked = test.value == "yes" or (isinstance(test.value, tuple) and test.value == ("yes",))
    return ticked != (test.op in ("neq", "not_in"))


def record(test: Test, facts: Mapping[str, AnswerFact]) -> TestRecord:
    """The :class:`TestRecord` of one engine test, with the answer it read."""
    fact = facts.get(test.qid)
    read = fact.attrs.get(test.attr) if fact is not None else None
    answer = _plain(read) if read is not None else None
    if test.attr.startswith("opt."):
        return TestRecord.model_construct(
            question=test.qid, aspect=Aspect.OPTION,
            operator=Operator.INCLUDES if includes(test) else Operator.EXCLUDES,
            values=[test.attr[4:]], answer=answer)
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    return TestRecord.model_construct(
        question=test.qid, aspect=Aspect(test.attr), operator=Operator(test.op),
        values=[_plain(v) for v in values], answer=answer)


def condition(conjunct: Conjunct, facts: Mapping[str, AnswerFact]) -> Condition:
    """A conjunction that holds, as data."""
    return Condition.model_construct(all_of=[record(t, facts) for t in conjunct])


def remedies(conjuncts: list[Conjunct], facts: Mapping[str, AnswerFact]) -> list[Remedy]:
    """For each true conjunct, the answers that would make it false (any one suffices)."""
    return [Remedy.model_construct(any_of=[record(t.negate(), facts) for t in conj])
            for conj in conjuncts]
