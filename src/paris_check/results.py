"""Result models: what an assessment produces. JSON-serialisable and deterministic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .vocabulary import AnswerState, Confidence, RuleStatus, Severity, StatusLabel

RESULT_SCHEMA_VERSION = "1.1"
Status = RuleStatus  # the name the rest of the package and embedders use


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnswerView(_Model):
    """An answer as the institution gave it, for display next to a finding."""

    question: str = Field(description="Question ID, e.g. selection.vacancies_advertised.")
    label: str
    state: AnswerState
    answer: str = Field(description="The answer rendered as text ('in law: no; in practice: yes').")
    evidence: list[str] = Field(default_factory=list)
    reason: str | None = Field(None, description="Reason given for not_applicable.")


class Explanation(_Model):
    """Why a rule gave its status, and what would change it."""

    because: list[str] = Field(default_factory=list, description="The conditions that decided.")
    to_pass: list[str] = Field(default_factory=list,
                               description="Answers that would make the requirement met.")


class JustificationView(_Model):
    """A justification the institution recorded for this requirement (never hides a gap)."""

    text: str
    date: str | None = Field(None, description="When it was recorded (ISO date).")
    by: str | None = None
    until: str | None = Field(None, description="Review date (ISO date); after it, overdue.")


class RuleResult(_Model):
    """The outcome of one rule for one institution."""

    code: str
    slug: str
    pack: str
    area: str
    scope: Literal["core", "optional"] = Field(
        "core", description="core rules decide the indicative status; optional ones (related "
        "standards such as the Venice or Belgrade Principles) are reported only.")
    title: str
    severity: Severity
    confidence: str
    references: list[str]
    status: Status
    aspects: list[Literal["law", "practice"]] = Field(
        default_factory=list, description="For a gap: whether it lies in law, in practice, or both.")
    finding: str | None = Field(None, description="The finding text (gaps only).")
    recommendation: str | None = Field(None, description="What to do (gaps and unknowns).")
    reason: str | None = Field(None, description="Why not applicable, or what is missing.")
    answers: list[AnswerView] = Field(default_factory=list)
    explanation: Explanation = Field(default_factory=Explanation)
    justification: JustificationView | None = Field(
        None, description="The institution's recorded justification, if any. It never changes "
        "the status of the requirement or the indicative status.")


class AreaScore(_Model):
    """Counts and score for one assessment area."""

    area: str
    title: str
    met: int
    gaps: int
    unknown: int
    not_applicable: int
    score: float | None = Field(
        None, description="Severity-weighted share of applicable requirements met, 0-100; "
        "unknown counts as not met. None when nothing applies.")
    coverage: float | None = Field(
        None, description="Share of applicable requirements that could be decided, 0-100.")


class AreaConcern(_Model):
    """One area's most serious gap, as the status method weighs it."""

    area: str
    code: str = Field(description="The rule whose gap is the area's most serious.")
    severity: Severity
    weight: float = Field(description="What the concern adds to the concern load.")


class IndicativeStatus(_Model):
    """The indicative accreditation status. Never an accreditation decision."""

    label: StatusLabel
    confidence: Confidence
    reasons: list[str]
    b_probability: float | None = Field(
        None, description="Estimated probability that the SCA would find the institution only partly "
        "compliant (B), from the concern load; fitted on real SCA decisions.")
    concern_load: float | None = Field(
        None, description="Sum of the weights of the area concerns.")
    concerns: list[AreaConcern] = Field(default_factory=list,
                                        description="Area concerns, heaviest first.")
    pillars_decided: list[str] = Field(
        default_factory=list, description="Pillar areas in which a rule could be decided.")
    pillars_undecided: list[str] = Field(
        default_factory=list, description="Pillar areas in which no rule could be decided.")
    min_pillars: int | None = Field(
        None, description="Pillar areas that must be decided for 'A likely'.")
    to_answer: list[str] = Field(
        default_factory=list, description="For insufficient information: the questions that "
        "would decide the most, most decisive first.")
    method: str
    disclaimer: str


class Counts(_Model):
    met: int
    gaps: int
    unknown: int
    not_applicable: int
    gaps_by_severity: dict[str, int]
    justified: int = Field(0, description="Gaps for which the institution recorded a "
                           "justification (still counted as gaps).")


class Provenance(_Model):
    """What produced this result: tool, questionnaire hash, rule-pack versions."""

    tool: str
    tool_version: str
    result_schema: str = RESULT_SCHEMA_VERSION
    questionnaire: str = Field(description="Questionnaire file name (no directories).")
    questionnaire_sha256: str
    rule_packs: dict[str, str]
    rules_sha256: str


class Institution(_Model):
    name: str | None
    acronym: str | None
    country: str | None
    institution_type: str | None
    assessment_year: int | None


class Assessment(_Model):
    """The complete result of assessing one questionnaire."""

    provenance: Provenance
    institution: Institution
    status: IndicativeStatus
    counts: Counts
    areas: list[AreaScore]
    results: list[RuleResult]
    unanswered: list[str] = Field(description="Questions read by applicable rules but not answered.")

    def gaps(self) -> list[RuleResult]:
        """Gaps, most severe first."""
        return sorted((r for r in self.results if r.status == "gap"),
                      key=lambda r: (Severity(r.severity).rank, r.code))

    def to_json(self) -> str:
        """Canonical JSON: same input, same bytes."""
        return self.model_dump_json(indent=2) + "\n"
