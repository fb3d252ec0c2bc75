"""The question catalogue: every question's ID, kind, choices, help and references.

Built once from the pydantic model, so rules, docs, the blank template and the report all read
the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .answers import Answer, ChoiceAnswer, LawPractice, MultiChoiceAnswer
from .model import Questionnaire, Section

DERIVED_UNADDRESSED = "accreditation.unaddressed_recommendations"
DERIVED_REPORT_AGE = "annual_report.years_since_latest"
DERIVED_REVIEW_AGE = "accreditation.years_since_last_review"

# Computed questions: (id, label, help, refs, source questions). Computed in paris_check.facts.
DERIVED: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (DERIVED_REPORT_AGE, "Years between the latest annual report and this self-assessment",
     "Computed: profile.assessment_year minus annual_report.latest_year. More than 1 means the "
     "latest report is not current.", ("GO-1.11-R5",),
     ("profile.assessment_year", "annual_report.latest_year")),
    (DERIVED_REVIEW_AGE, "Years since the last SCA review",
     "Computed: profile.assessment_year minus accreditation.last_review_year. Accreditation is "
     "reviewed every five years.", ("ACC-PN1",),
     ("profile.assessment_year", "accreditation.last_review_year")),
    (DERIVED_UNADDRESSED, "Previous SCA recommendations not (or not known to be) implemented",
     "Computed: the number of previous_recommendations whose status is not_implemented or "
     "unknown.", ("ACC-PN1",), ("accreditation.previous_recommendations",)),
)


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire."""

    id: str
    section: str
    name: str
    label: str
    help: str
    kind: str  # law_practice | choice | multi | number | text | list | derived
    choices: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    applies: str | None = None
    derived_from: str | None = None
    #: Smallest and largest allowed number (number questions with a range).
    minimum: float | None = None
    maximum: float | None = None

    @property
    def comparable(self) -> bool:
        """Whether rules may test this question (free text never is)."""
        return self.kind not in {"text", "list"}


@dataclass(frozen=True)
class SectionInfo:
    """A section of the questionnaire with its questions in order."""

    id: str
    title: str
    doc: str
    questions: tuple[Question, ...] = field(default_factory=tuple)


def _bounds(cls: type | None) -> tuple[float | None, float | None]:
    """The ``ge``/``le`` constraints of an answer class's ``value`` (JSON Schema min/max)."""
    field = getattr(cls, "model_fields", {}).get("value")
    low = high = None
    for item in getattr(field, "metadata", ()):
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    return low, high


def _answer_class(annotation: Any) -> type | None:
    for arg in getattr(annotation, "__args__", ()) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, Answer):
            return arg
    return annotation if isinstance(annotation, type) and issubclass(annotation, Answer) else None


@cache
def sections() -> tuple[SectionInfo, ...]:
    """All sections of the questionnaire, in file order."""
    out = []
    for sec_name, sec_field in Questionnaire.model_fields.items():
        model = sec_field.annotation
        if not (isinstance(model, type) and issubclass(model, Section)):
            continue
        doc = (model.__doc__ or "").strip()
        questions = []
        for name, f in model.model_fields.items():
            extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
            cls = _answer_class(f.annotation)
            if cls is None:
                kind, choices = "list", ()
            elif issubclass(cls, LawPractice):
                kind, choices = "law_practice", ("yes", "partly", "no")
            elif issubclass(cls, ChoiceAnswer | MultiChoiceAnswer):
                kind = cls.kind
                choices = tuple(getattr(cls, "choices", ()))
            else:
                kind, choices = cls.kind, ()
            low, high = _bounds(cls) if kind == "number" else (None, None)
            questions.append(Question(
                id=f"{sec_name}.{name}", section=sec_name, name=name, label=f.title or name,
                help=f.description or "", kind=kind, choices=choices,
                refs=tuple(extra.get("refs", ())), applies=extra.get("applies"),
                minimum=low, maximum=high))
        for qid, label, help_text, refs, sources in DERIVED:
            if qid.startswith(sec_name + "."):
                questions.append(Question(
                    id=qid, section=sec_name, name=qid.split(".", 1)[1], label=label,
                    help=help_text, kind="derived", refs=refs, derived_from=", ".join(sources)))
        out.append(SectionInfo(id=sec_name, title=doc.split("\n")[0].rstrip("."), doc=doc,
                               questions=tuple(questions)))
    return tuple(out)


@cache
def questions() -> dict[str, Question]:
    """Every question by ID."""
    return {q.id: q for s in sections() for q in s.questions}
