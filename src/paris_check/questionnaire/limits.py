"""Length limits of a questionnaire's free text and free lists: the one table they come from.

The answer models declare these as pydantic ``max_length`` (so the JSON schema shows them and
validation enforces them), the questionnaire reference documents them, and the loader reports a
text or list beyond its limit at the line where it is written. The limits are generous for real
use (a note of a few pages, twenty pieces of evidence per answer); together with the limit on
all the free text of one file they keep every valid questionnaire quick to turn into a report:
the default PDF of the worst valid input (``benchmarks/worst_input.py``) stays under 10 s and
300 MB (``benchmarks/bench_report.py`` measures it). ``--annexes``, which prints every answer a
second time with the references, roughly doubles that; it is asked for, not the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin


@dataclass(frozen=True)
class Limit:
    """At most ``size`` characters (``unit="characters"``) or entries (``unit="entries"``)."""

    size: int
    unit: str
    applies_to: str


#: Every limit by name; the models, the loader and the docs read this table.
LIMITS: dict[str, Limit] = {
    "text_answer": Limit(300, "characters", "a free-text answer: the institution's name, "
                         "acronym and country, the title of the founding text"),
    "note": Limit(4_000, "characters", "the note on an answer"),
    "not_applicable": Limit(1_000, "characters", "the reason why a question does not apply"),
    "evidence_text": Limit(2_000, "characters", "the text of one piece of evidence"),
    "evidence_citation": Limit(500, "characters", "the provision or document of one piece of "
                               "evidence"),
    "url": Limit(2_000, "characters", "a web address"),
    "evidence_items": Limit(20, "entries", "the pieces of evidence of one answer or "
                            "recommendation"),
    "choices": Limit(20, "entries", "the values of a multi-choice answer"),
    "recommendation_text": Limit(2_000, "characters", "the text of a previous SCA "
                                 "recommendation, and the action taken on it"),
    "label": Limit(100, "characters", "a short label: a recommendation's id, who recorded a "
                   "justification"),
    "refs": Limit(20, "entries", "the references of one previous recommendation"),
    "recommendations": Limit(100, "entries", "the previous SCA recommendations"),
    "justification_text": Limit(4_000, "characters", "the text of one justification"),
    "justifications": Limit(300, "entries", "the recorded justifications"),
    "total_text": Limit(50_000, "characters", "all the free text of one questionnaire "
                        "together (about 17 pages of typed text)"),
}


def size(name: str) -> int:
    """The limit called ``name`` (a key of :data:`LIMITS`)."""
    return LIMITS[name].size


def _listed(annotation: Any) -> bool:
    """Whether a field's values come from a fixed list (a ``Literal``), not free text."""
    if get_origin(annotation) is Literal:
        return True
    return any(_listed(arg) for arg in get_args(annotation))


def free_text(node: Any, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], int]]:
    """Every piece of free text in a validated model, as (location, length), in the model's order.

    Values from a fixed list (choices, ``yes``/``no``, the schema version) are not free text.
    """
    from pydantic import BaseModel

    out: list[tuple[tuple[Any, ...], int]] = []
    if isinstance(node, str) and not isinstance(node, Enum):
        out.append((loc, len(node)))
    elif isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            value = getattr(node, name)
            if value is not None and not _listed(field.annotation):
                out += free_text(value, (*loc, name))
    elif isinstance(node, dict):
        for key, value in node.items():
            out += free_text(value, (*loc, key))
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            out += free_text(value, (*loc, i))
    return out
