"""Turn a questionnaire into engine-neutral answer facts.

Each question becomes one :class:`AnswerFact` with a state (answered / unknown /
not_applicable / missing) and the attribute values that conditions test: ``law``,
``practice``, ``value`` and, for multi-choice answers, one ``opt.<choice>`` flag per choice.
Only *answered* attributes are present, so a test on anything else is neither true nor false.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .questionnaire.answers import Answer, LawPractice, MultiChoiceAnswer, Tri
from .questionnaire.catalogue import (
    DERIVED_REPORT_AGE,
    DERIVED_REVIEW_AGE,
    DERIVED_UNADDRESSED,
    questions,
)
from .questionnaire.model import Questionnaire

State = Literal["answered", "unknown", "not_applicable", "missing"]
Scalar = str | float


@dataclass(frozen=True)
class AnswerFact:
    """What the engine knows about one question."""

    qid: str
    state: State
    attrs: dict[str, Scalar] = field(default_factory=dict)
    display: str = "unanswered"
    reason: str | None = None
    evidence: tuple[str, ...] = ()
    #: The answer as given, for display in any language (None: not given): ``in_law`` and
    #: ``in_practice`` (yes/partly/no/unknown), ``value`` (choice, number, text or the options
    #: ticked), ``items`` (how many entries a list question has).
    in_law: str | None = None
    in_practice: str | None = None
    value: int | float | str | tuple[str, ...] | None = None
    items: int | None = None


def answer_facts(q: Questionnaire) -> dict[str, AnswerFact]:
    """Facts for every question in the catalogue, keyed by question ID (catalogue order)."""
    out: dict[str, AnswerFact] = {}
    for qid, question in questions().items():
        if question.kind == "derived":
            out[qid] = _derived(q, qid)
            continue
        section = getattr(q, question.section)
        answer = getattr(section, question.name)
        if question.kind == "list" or answer is None:
            out[qid] = AnswerFact(qid, "missing") if answer is None else AnswerFact(
                qid, "answered", display=f"{len(answer)} item(s)", items=len(answer))
            continue
        out[qid] = _fact(qid, answer)
    return out


def _fact(qid: str, answer: Answer) -> AnswerFact:
    evidence = tuple(e.label() for e in answer.evidence)
    state = answer.state
    if state != "answered":
        return AnswerFact(qid, state, display=answer.display(), reason=answer.not_applicable,
                          evidence=evidence)
    attrs: dict[str, Scalar] = {}
    given: dict[str, object] = {}
    if isinstance(answer, LawPractice):
        for attr, aspect in (("law", answer.in_law), ("practice", answer.in_practice)):
            if aspect is not None and aspect is not Tri.unknown:
                attrs[attr] = aspect.value
        given = {"in_law": answer.in_law.value if answer.in_law is not None else None,
                 "in_practice": (answer.in_practice.value if answer.in_practice is not None
                                 else None)}
    elif isinstance(answer, MultiChoiceAnswer):
        chosen = set(answer.value or ())
        for choice in getattr(type(answer), "choices", ()):
            attrs[f"opt.{choice}"] = "yes" if choice in chosen else "no"
        given = {"value": tuple(str(v) for v in answer.value or ())}
    else:
        value = answer.value  # type: ignore[attr-defined]
        attrs["value"] = float(value) if isinstance(value, int | float) else str(value)
        given = {"value": _plain(value)}
    return AnswerFact(qid, "answered", attrs, display=answer.display(), evidence=evidence,
                      **given)  # type: ignore[arg-type]


def _plain(value: object) -> int | float | str:
    """A number as written (whole numbers as ``int``), anything else as its text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def _derived(q: Questionnaire, qid: str) -> AnswerFact:
    """Computed questions; missing when any source answer is missing or not a number."""
    if qid == DERIVED_UNADDRESSED:
        recs = q.accreditation.previous_recommendations
        if recs is None:
            return AnswerFact(qid, "missing")
        count = sum(1 for r in recs if r.status in ("not_implemented", "unknown"))
        return AnswerFact(qid, "answered", {"value": float(count)}, display=str(count),
                          value=count)
    later = _number(q.profile.assessment_year)
    earlier = _number(q.annual_report.latest_year if qid == DERIVED_REPORT_AGE
                      else q.accreditation.last_review_year)
    if qid not in (DERIVED_REPORT_AGE, DERIVED_REVIEW_AGE):  # pragma: no cover
        raise KeyError(qid)
    if later is None or earlier is None:
        return AnswerFact(qid, "missing")
    years = later - earlier
    return AnswerFact(qid, "answered", {"value": years}, display=str(int(years)),
                      value=_plain(years))


def _number(answer: Answer | None) -> float | None:
    if answer is None or answer.state != "answered":
        return None
    value = getattr(answer, "value", None)
    return float(value) if isinstance(value, int | float) else None


def attribute_table(facts: dict[str, AnswerFact]) -> dict[str, dict[str, Scalar]]:
    """``qid -> attrs`` for answered questions, the input of :func:`conditions.evaluate`."""
    return {qid: f.attrs for qid, f in facts.items() if f.attrs}
