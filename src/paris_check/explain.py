"""Plain-language descriptions of tests, used in explanations ("why did it fire")."""

from __future__ import annotations

from functools import lru_cache

from .conditions import Conjunct, Test
from .questionnaire.catalogue import questions


def _values(test: Test) -> list[str]:
    v = test.value
    return [str(x) for x in v] if isinstance(v, tuple) else [str(v)]


def _fmt_num(v: object) -> str:
    f = float(v)  # type: ignore[arg-type]
    return str(int(f)) if f.is_integer() else str(f)


@lru_cache(maxsize=4096)
def describe_test(test: Test) -> str:
    """E.g. ``Vacancies are advertised widely — in law: no``."""
    q = questions()[test.qid]
    label = q.label
    if test.attr.startswith("opt."):
        option = test.attr[4:]
        verb = "includes" if _includes(test) else "does not include"
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
        return f"{label} — {prefix}not {_alternatives(values)}"
    return f"{label} — {prefix}{_alternatives(values)}"


def _includes(test: Test) -> bool:
    """Whether a multiple-choice flag test asks for the option to be ticked."""
    ticked = test.value == "yes" or (isinstance(test.value, tuple) and test.value == ("yes",))
    return ticked != (test.op in ("neq", "not_in"))


def _alternatives(values: list[str]) -> str:
    """``a``, ``a or b``, or ``one of: a, b, c`` (three or more)."""
    if len(values) >= 3:
        return "one of: " + ", ".join(values)
    return " or ".join(values)


@lru_cache(maxsize=4096)
def describe_conjunct(conjunct: Conjunct) -> str:
    """Tests joined by ``; and ``. Tests of one question share its label:
    ``Label — in law: yes; in practice: yes``, ``Label — includes none of: a, b``."""
    parts: list[str] = []
    options: list[str] = []  # options of the multiple-choice test being merged
    last: tuple[str, str] | None = None
    for t in conjunct:
        text = describe_test(t)
        label, _sep, rest = text.partition(" — ")
        if t.attr.startswith("opt."):
            key = (t.qid, "opt:" + str(_includes(t)))
            if key == last and parts:
                options.append(t.attr[4:])
                verb = "includes all of: " if _includes(t) else "includes none of: "
                parts[-1] = f"{label} — {verb}{', '.join(options)}"
            else:
                options = [t.attr[4:]]
                parts.append(text)
            last = key
            continue
        if (last == (t.qid, "aspect") and t.attr in ("law", "practice") and parts
                and parts[-1].startswith(label + " — in ")):
            parts[-1] += "; " + rest
        else:
            parts.append(text)
        last = (t.qid, "aspect") if t.attr in ("law", "practice") else None
    return "; and ".join(parts)


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
