"""The tool's fixed vocabularies, each defined once: severities, statuses, answer states, labels,
output formats. Every other module imports them from here (this module imports nothing of the
package)."""

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
