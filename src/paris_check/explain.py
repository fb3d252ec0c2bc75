"""Plain-language descriptions of tests, used in explanations ("why did it fire")."""

from __future__ import annotations

from .conditions import Conjunct, Test
from .questionnaire.catalogue import questions


def _values(test: Test) -> list[str]:
    v = test.value
    return [str(x) for x in v] if isinstance(v, tuple) else [str(v)]


def _fmt_num(v: object) -> str:
    f = float(v)  # type: ignore[arg-type]
    return str(int(f)) if f.is_integer() else str(f)


def describe_test(test: Test) -> str:
    """E.g. ``Vacancies are advertised widely — in law: no``."""
    q = questions()[test.qid]
    label = q.label
    if test.attr.startswith("opt."):
        option = test.attr[4:]
        verb = "includes" if test.value == "yes" else "does not include"
        return f"{label} — {verb} {option}"
    prefix = {"law": "in law: ", "practice": "in practice: "}.get(test.attr, "")
    op = test.op
    if op in ("lt", "lte", "gt", "gte"):
        words = {"lt": "less than", "lte": "at most", "gt": "more than", "gte": "at least"}[op]
        return f"{label} — {words} {_fmt_num(test.value)}"
    values = _values(test)
    if op in ("neq", "not_in") and q.choices:
        values = [c for c in q.choices if c not in values]
        op = "in"
    if op in ("neq", "not_in"):
        return f"{label} — {prefix}not {' or '.join(values)}"
    return f"{label} — {prefix}{' or '.join(values)}"


def describe_conjunct(conjunct: Conjunct) -> str:
    return "; and ".join(describe_test(t) for t in conjunct)


def how_to_break(conjuncts: list[Conjunct]) -> list[str]:
    """For each true conjunct, the answers that would make it false (any one suffices)."""
    out = []
    for conj in conjuncts:
        options = [describe_test(t.negate()) for t in conj]
        if len(options) == 1:
            out.append(options[0])
        else:
            out.append("one of: " + " | ".join(options))
    return out
