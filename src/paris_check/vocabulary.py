"""The tool's fixed vocabularies, each defined once: severities, statuses, answer states, labels,
output formats, and the codes of structured results (outcomes, test aspects and operators,
status reasons, audiences). Every other module imports them from here (this module imports
nothing of the package)."""

from __future__ import annotations

from enum import StrEnum


class Word(StrEnum):
    """A vocabulary word: a ``str`` that also prints as one (``'gap'``, not ``<RuleStatus...>``)."""

    def __repr__(self) -> str:
        return repr(self.value)


class Severity(Word):
    """How much a gap matters for accreditation (docs: severity policy), most serious first."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    ADVISORY = "advisory"

    @property
    def rank(self) -> int:
        """0 for the most serious; sorts most serious first."""
        return list(Severity).index(self)

    @property
    def weight(self) -> int:
        """The weight of a requirement of this severity in an area score (4 to 1)."""
        return 4 - self.rank


SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)


class RuleStatus(Word):
    """The outcome of one rule."""

    MET = "met"
    GAP = "gap"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class AnswerState(Word):
    """What the engine knows about one question."""

    ANSWERED = "answered"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"


class StatusLabel(Word):
    """The indicative status (never an accreditation decision)."""

    A_LIKELY = "A likely"
    B_LIKELY = "B likely"
    INSUFFICIENT = "insufficient information"


class Confidence(Word):
    """How far the indicative status can be trusted."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class OutputFormat(Word):
    """What a result or report can be written as."""

    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"

    @property
    def extension(self) -> str:
        return {"markdown": ".md"}.get(self.value, "." + self.value)

    @property
    def binary(self) -> bool:
        """Whether the output is bytes that cannot be printed on a terminal."""
        return self in (OutputFormat.PDF, OutputFormat.DOCX)


REPORT_FORMATS: tuple[str, ...] = tuple(f.value for f in OutputFormat)


class Outcome(Word):
    """Why a rule has its status: the kind of explanation a result carries."""

    MET = "met"  # a "met" condition holds
    GAP = "gap"  # one or more "gap" conditions hold
    DOES_NOT_APPLY = "does_not_apply"  # the profile makes the rule inapplicable
    DECLARED_NOT_APPLICABLE = "declared_not_applicable"  # the institution said so
    APPLICABILITY_UNKNOWN = "applicability_unknown"  # cannot tell whether the rule applies
    NOT_ENOUGH_INFORMATION = "not_enough_information"  # answers missing or unknown

    @property
    def status(self) -> RuleStatus:
        """The rule status this kind of outcome gives."""
        return {"met": RuleStatus.MET, "gap": RuleStatus.GAP,
                "does_not_apply": RuleStatus.NOT_APPLICABLE,
                "declared_not_applicable": RuleStatus.NOT_APPLICABLE}.get(
            self.value, RuleStatus.UNKNOWN)


class Aspect(Word):
    """What part of an answer a test reads."""

    LAW = "law"
    PRACTICE = "practice"
    VALUE = "value"  # a choice, number or text
    OPTION = "option"  # one option of a multiple-choice answer


class Operator(Word):
    """How a test compares the answer with its values."""

    EQ = "eq"
    NEQ = "neq"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    INCLUDES = "includes"  # the option is ticked
    EXCLUDES = "excludes"  # the option is not ticked

    @property
    def negative(self) -> bool:
        """Whether the test holds when the answer is *not* one of its values."""
        return self in (Operator.NEQ, Operator.NOT_IN, Operator.EXCLUDES)


class ReasonCode(Word):
    """One reason for the indicative status (the numbers travel with it, never a sentence)."""

    CONCERN_LOAD = "concern_load"  # value: the load; count: areas with a concern
    B_PROBABILITY = "b_probability"  # value: P(B); threshold: from which B is likely
    STATUS_HELD = "status_held"  # value: 1 holds A, 0 does not, None unanswered; questions
    PILLARS_DECIDED = "pillars_decided"  # count of total pillar areas decided, needed for A
    MANDATE_UNANSWERED = "mandate_unanswered"  # questions: the mandate questions
    ANSWER_FIRST = "answer_first"  # questions: those that would decide the most
    LEGAL_BASIS_UNANSWERED = "legal_basis_unanswered"  # confidence capped at medium


class Audience(Word):
    """Who reads rendered words: the terminal, a report (Markdown, HTML, PDF, DOCX), the docs."""

    TERMINAL = "terminal"
    REPORT = "report"
    DOCS = "docs"
