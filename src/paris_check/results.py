"""Result models: what an assessment produces. JSON-serialisable and deterministic.

The JSON is language-neutral: explanations and status reasons are data (codes, question IDs,
values, counts), never sentences; :mod:`paris_check.wording` turns them into words in any
language. The texts of the rules and packs in use (title, finding, recommendation, rationale,
description) travel with the result, so nothing downstream reloads the packs.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .vocabulary import (
    AnswerState,
    Aspect,
    Confidence,
    Operator,
    Outcome,
    ReasonCode,
    RuleStatus,
    Severity,
    StatusLabel,
)

RESULT_SCHEMA_VERSION = "2.1"
"""The result format. The major number changes when existing readers must adapt (2.0 made
explanations and status reasons structured), the minor one when fields are added.
:func:`paris_check.compare.load_result` reads 1.x results too."""
Value = int | float | str
Status = RuleStatus  # the name the rest of the package and embedders use


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnswerView(_Model):
    """An answer as the institution gave it, for display next to a finding."""

    question: str = Field(description="Question ID, e.g. selection.vacancies_advertised.")
    label: str = Field(description="The question (English source text).")
    state: AnswerState
    in_law: str | None = Field(None, description="Law/practice questions: yes, partly, no or "
                               "unknown; None when not given.")
    in_practice: str | None = Field(None, description="Law/practice questions: as in_law.")
    value: Value | list[str] | None = Field(
        None, description="Other questions: the choice, number or text given, or the options "
        "ticked (a list); None when not answered.")
    items: int | None = Field(None, description="List questions: how many entries were given.")
    evidence: list[str] = Field(default_factory=list)
    reason: str | None = Field(None, description="Reason given for not_applicable.")


class TestRecord(_Model):
    """One test of a rule's condition, with the answer it read."""

    __test__: ClassVar[bool] = False  # not a pytest test class

    question: str = Field(description="Question ID.")
    aspect: Aspect = Field(description="law, practice, value, or option (of a multiple choice).")
    operator: Operator
    values: list[Value] = Field(description="The values compared with (for an option: the "
                                "option).")
    answer: Value | None = Field(
        None, description="The answer read for this aspect (for an option: yes when ticked, no "
        "when not); None when missing, unknown or not applicable.")


class Condition(_Model):
    """A condition that holds: every test in it is true."""

    all_of: list[TestRecord]


class Remedy(_Model):
    """Answers that would end one gap condition: any one of them suffices."""

    any_of: list[TestRecord]


class Explanation(_Model):
    """Why a rule gave its status, and what would change it (data; words come from
    :mod:`paris_check.wording`)."""

    kind: Outcome = Field(description="The kind of outcome: met, gap, does_not_apply, "
                          "declared_not_applicable, applicability_unknown, "
                          "not_enough_information.")
    because: list[Condition] = Field(
        default_factory=list, description="The conditions that decided (gap: every gap "
        "condition that holds; met: one met condition; does_not_apply: one condition that "
        "makes the rule inapplicable).")
    to_pass: list[Remedy] = Field(
        default_factory=list, description="Gap: for each condition in because, the answers "
        "that would end it (all of them must be ended for the requirement to be met).")
    questions: list[str] = Field(
        default_factory=list, description="Unknown: the questions to answer; "
        "declared_not_applicable: the questions the institution declared not applicable.")


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
    title: str = Field(description="The requirement (English source text of the pack in use).")
    severity: Severity
    confidence: str
    references: list[str]
    status: Status
    aspects: list[Literal["law", "practice"]] = Field(
        default_factory=list, description="For a gap: whether it lies in law, in practice, or both.")
    finding: str | None = Field(None, description="The finding text (gaps only).")
    recommendation: str | None = Field(None, description="What to do (gaps and unknowns).")
    rationale: str | None = Field(None, description="Why the requirement matters (from the "
                                  "pack in use).")
    answers: list[AnswerView] = Field(default_factory=list)
    explanation: Explanation
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


class StatusReason(_Model):
    """One reason for the indicative status: a code and its figures (see
    :class:`~paris_check.vocabulary.ReasonCode`)."""

    code: ReasonCode
    value: float | None = Field(None, description="concern_load: the load; b_probability: "
                                "P(B); status_held: 1 when the institution holds A status, 0 "
                                "when it does not, none when the current status is unanswered.")
    threshold: float | None = Field(None, description="b_probability: P(B) from which the "
                                    "status is B likely.")
    count: int | None = Field(None, description="concern_load: areas with a concern; "
                              "pillars_decided: pillar areas decided.")
    total: int | None = Field(None, description="pillars_decided: pillar areas assessed.")
    needed: int | None = Field(None, description="pillars_decided: pillar areas needed for "
                               "A likely.")
    questions: list[str] = Field(default_factory=list, description="Question IDs concerned.")
    areas: list[str] = Field(default_factory=list, description="concern_load: the areas, "
                             "heaviest concern first.")
    rules: list[str] = Field(default_factory=list, description="concern_load: each area's "
                             "most serious gap.")


class IndicativeStatus(_Model):
    """The indicative accreditation status. Never an accreditation decision."""

    label: StatusLabel
    confidence: Confidence
    reasons: list[StatusReason]
    b_probability: float | None = Field(
        None, description="Estimated probability that the SCA would find the institution only partly "
        "compliant (B), from the concern load and whether it already holds A status; fitted on "
        "real SCA decisions.")
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
        default_factory=list, description="The questions to answer next, most decisive first: "
        "for insufficient information those that would decide the most; with a label, an "
        "unanswered legal basis or current status and the questions of undecided pillar areas.")
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


class PackInfo(_Model):
    """A rule pack the assessment used, with its texts as written in the pack."""

    name: str
    version: str
    title: str
    area: str
    scope: Literal["core", "optional"]
    description: str


class Assessment(_Model):
    """The complete result of assessing one questionnaire."""

    schema_version: str = Field(RESULT_SCHEMA_VERSION,
                                description="Version of this result format (major.minor).")
    provenance: Provenance
    institution: Institution
    status: IndicativeStatus
    counts: Counts
    areas: list[AreaScore]
    results: list[RuleResult]
    unanswered: list[str] = Field(description="Questions read by applicable rules but not answered.")
    packs: list[PackInfo] = Field(default_factory=list, description="The rule packs used, in "
                                  "order (empty in results upgraded from 1.x).")

    def gaps(self) -> list[RuleResult]:
        """Gaps, most severe first."""
        return sorted((r for r in self.results if r.status == "gap"),
                      key=lambda r: (Severity(r.severity).rank, r.code))

    def to_json(self) -> str:
        """Canonical JSON: same input, same bytes."""
        return self.model_dump_json(indent=2) + "\n"
