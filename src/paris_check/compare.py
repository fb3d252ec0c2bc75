"""Progress between two assessments of the same institution (``paris-check diff``).

:func:`compare` takes an earlier and a later assessment (or questionnaires, or saved JSON
results) and returns a :class:`Diff`: gaps closed, new gaps, regressions, requirements that can
no longer be decided, changes of the indicative status and of the scores per area, and the
follow-up of previous SCA recommendations recorded in the questionnaires.

How a rule's change is classified (old status -> new status):

* ``gap_closed``: gap -> met or not applicable;
* ``new_gap``: unknown, not applicable or not assessed -> gap;
* ``regression``: met -> gap; or still a gap but of a higher severity, or now also in law or
  in practice;
* ``now_unknown``: met, gap or not applicable -> unknown (a missing answer is not progress);
* ``now_met``: unknown or not applicable -> met;
* ``other``: any other change (e.g. met -> not applicable), and rules only one side has.

This module is named ``compare`` (not ``diff``) so that ``paris_check.diff`` stays the function.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .mdtext import md_escape
from .results import Assessment, Status
from .vocabulary import Severity

if TYPE_CHECKING:
    from .assess import Assessor
    from .questionnaire.model import PreviousRecommendation, Questionnaire

DIFF_SCHEMA_VERSION = "1.0"
ChangeKind = Literal["gap_closed", "new_gap", "regression", "now_unknown", "now_met", "other"]
RecStatus = Literal["implemented", "partly_implemented", "not_implemented",
                    "no_longer_relevant", "unknown"]
RecChange = Literal["progressed", "regressed", "unchanged", "now_unknown", "now_known",
                    "added", "dropped"]
SEVERITY_RANK = {s.value: len(Severity) - 1 - s.rank for s in Severity}  # higher: worse
REC_RANK = {"not_implemented": 0, "partly_implemented": 1, "implemented": 2,
            "no_longer_relevant": 2}
STATUS_RANK = {"insufficient information": 0, "B likely": 1, "A likely": 2}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Side(_Model):
    """Which assessment one side of the comparison is."""

    questionnaire: str = Field(description="File name of the questionnaire.")
    questionnaire_sha256: str
    institution: str | None
    assessment_year: int | None
    tool_version: str
    rules_sha256: str


class RuleChange(_Model):
    """One requirement whose status changed."""

    code: str
    title: str
    area: str
    kind: ChangeKind
    old_status: Status | None = Field(description="None when the earlier run had no such rule.")
    new_status: Status | None = Field(description="None when the later run has no such rule.")
    old_severity: str | None
    new_severity: str | None
    old_aspects: list[str] = Field(default_factory=list)
    new_aspects: list[str] = Field(default_factory=list)
    note: str = Field(description="The change in words.")


class AreaChange(_Model):
    """The score of one area before and after."""

    area: str
    title: str
    old_score: float | None
    new_score: float | None
    delta: float | None = Field(description="new - old, in points; None if either is None.")
    old_coverage: float | None
    new_coverage: float | None
    old_gaps: int
    new_gaps: int


class StatusChange(_Model):
    """The indicative status before and after (never an accreditation decision)."""

    old_label: str
    new_label: str
    old_confidence: str
    new_confidence: str
    changed: bool
    direction: Literal["better", "worse", "same", "unclear"]


class RecommendationChange(_Model):
    """A previous SCA recommendation, matched across the two questionnaires by id or text."""

    key: str = Field(description="The recommendation's id, or its text when it has none.")
    id: str | None
    text: str
    old_status: RecStatus | None
    new_status: RecStatus | None
    change: RecChange
    action: str | None = Field(None, description="The action recorded in the later questionnaire.")


class JustificationChange(_Model):
    """A recorded justification that appeared, went, changed or passed its review date."""

    code: str
    change: Literal["added", "removed", "changed", "expired"]
    text: str | None = Field(None, description="The justification in the later assessment.")
    until: str | None = None


class Diff(_Model):
    """What changed between an earlier and a later assessment."""

    diff_schema: str = DIFF_SCHEMA_VERSION
    old: Side
    new: Side
    rules_changed: bool = Field(
        description="True when the rule packs differ: some changes may come from the rules, "
        "not from the institution.")
    status: StatusChange
    counts: dict[str, dict[str, int]] = Field(
        description="Counts of met, gaps, unknown and not_applicable: {'old': ..., 'new': ...}.")
    areas: list[AreaChange]
    changes: list[RuleChange] = Field(description="Every rule whose status changed, by code.")
    remaining_gaps: list[str] = Field(description="Codes that are gaps in both assessments.")
    recommendations: list[RecommendationChange] | None = Field(
        None, description="Previous SCA recommendations; None when either side is a saved "
        "result (results do not carry them).")
    justifications: list[JustificationChange] = Field(
        default_factory=list, description="Justifications added, removed, changed, or past "
        "their review date on the day of the comparison.")

    def of_kind(self, kind: ChangeKind) -> list[RuleChange]:
        """The changes of one kind, most severe first."""
        return sorted((c for c in self.changes if c.kind == kind),
                      key=lambda c: (-SEVERITY_RANK.get(c.new_severity or c.old_severity or "", 0),
                                     c.code))

    @property
    def gaps_closed(self) -> list[RuleChange]:
        return self.of_kind("gap_closed")

    @property
    def new_gaps(self) -> list[RuleChange]:
        return self.of_kind("new_gap")

    @property
    def regressions(self) -> list[RuleChange]:
        return self.of_kind("regression")

    @property
    def now_unknown(self) -> list[RuleChange]:
        return self.of_kind("now_unknown")

    def to_json(self) -> str:
        """Canonical JSON: same inputs, same bytes."""
        return self.model_dump_json(indent=2) + "\n"

    def to_markdown(self) -> str:
        """A short Markdown summary for people (see :func:`diff_markdown`)."""
        return diff_markdown(self)


# --------------------------------------------------------------------------- inputs


class _Input:
    """One side: an assessment and, when known, the questionnaire behind it."""

    def __init__(self, assessment: Assessment, questionnaire: Questionnaire | None) -> None:
        self.assessment = assessment
        self.questionnaire = questionnaire


def _resolve(item: Any, assessor: Assessor) -> _Input:
    from .justify import check_codes
    from .questionnaire.load import LoadedQuestionnaire, load_questionnaire
    from .questionnaire.model import Questionnaire

    codes = [r.code for r in assessor.ruleset.rules]

    def run(q: Questionnaire, name: str | None, raw: bytes | None) -> Assessment:
        check_codes(q, codes, name=name or "<questionnaire>", raw=raw)
        if name is None:
            return assessor.assess(q)
        return assessor.assess(q, source_name=name, source_bytes=raw)

    if isinstance(item, Assessment):
        return _Input(item, None)
    if isinstance(item, Questionnaire):
        src = item._source
        return _Input(run(item, *(src or (None, None))), item)
    if isinstance(item, str | os.PathLike) and Path(item).suffix.lower() == ".json":
        return _Input(load_result(item), None)
    if isinstance(item, str | os.PathLike | dict):
        item = load_questionnaire(item)
    if isinstance(item, LoadedQuestionnaire):
        return _Input(run(item.questionnaire, item.name, item.raw), item.questionnaire)
    raise TypeError(f"cannot compare a {type(item).__name__}")


def load_result(path: str | os.PathLike[str]) -> Assessment:
    """Read a saved JSON result. Raises :class:`~paris_check.errors.InputError` if invalid."""
    from pydantic import ValidationError

    from .errors import QuestionnaireError, SourceSpan
    from .yamlio import read_text

    text = read_text(path)
    try:
        return Assessment.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise QuestionnaireError(
            f"not a valid paris_check result: {where}: {first['msg']}"
            + (f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""),
            code="PC016", span=SourceSpan(str(path)),
            hint="give a questionnaire (.yaml) or a result written by "
                 "`paris-check assess --format json`") from None


# --------------------------------------------------------------------------- comparison


def compare(old: Any, new: Any, *, assessor: Assessor) -> Diff:
    """Compare an earlier and a later assessment (questionnaires are assessed with
    ``assessor``); see the module docstring."""
    a, b = _resolve(old, assessor), _resolve(new, assessor)
    return diff_assessments(a.assessment, b.assessment, a.questionnaire, b.questionnaire)


def _justifications(old: Assessment, new: Assessment,
                    today: datetime.date) -> list[JustificationChange]:
    before = {r.code: r.justification for r in old.results if r.justification}
    after = {r.code: r.justification for r in new.results if r.justification}
    out = []
    for code in sorted(set(before) | set(after)):
        o, n = before.get(code), after.get(code)
        if n is None:
            out.append(JustificationChange(code=code, change="removed"))
            continue
        if o is None:
            kind = "added"
        elif o != n:
            kind = "changed"
        elif n.until and datetime.date.fromisoformat(n.until) < today:
            kind = "expired"
        else:
            continue
        if kind != "expired" and n.until and datetime.date.fromisoformat(n.until) < today:
            kind = "expired"
        out.append(JustificationChange(code=code, change=kind, text=n.text, until=n.until))
    return out


def diff_assessments(old: Assessment, new: Assessment, old_q: Questionnaire | None = None,
                     new_q: Questionnaire | None = None,
                     today: datetime.date | None = None) -> Diff:
    """The :class:`Diff` of two assessments (and, if given, their questionnaires).

    ``today`` (default: the current date) decides which justifications are past their review
    date."""
    before = {r.code: r for r in old.results}
    after = {r.code: r for r in new.results}
    changes: list[RuleChange] = []
    remaining: list[str] = []
    for code in sorted(set(before) | set(after)):
        o, n = before.get(code), after.get(code)
        if o and n and o.status == n.status == "gap":
            remaining.append(code)
        change = _rule_change(o, n)
        if change is not None:
            changes.append(change)
    recs = None
    if old_q is not None and new_q is not None:
        recs = _recommendations(_recs_of(old_q), _recs_of(new_q))
    return Diff(
        old=_side(old), new=_side(new),
        rules_changed=old.provenance.rules_sha256 != new.provenance.rules_sha256,
        status=_status_change(old, new),
        counts={"old": _counts(old), "new": _counts(new)},
        areas=_areas(old, new), changes=changes, remaining_gaps=remaining,
        recommendations=recs,
        justifications=_justifications(old, new, today or datetime.date.today()))


def _side(a: Assessment) -> Side:
    return Side(questionnaire=a.provenance.questionnaire,
                questionnaire_sha256=a.provenance.questionnaire_sha256,
                institution=a.institution.name, assessment_year=a.institution.assessment_year,
                tool_version=a.provenance.tool_version, rules_sha256=a.provenance.rules_sha256)


def _counts(a: Assessment) -> dict[str, int]:
    c = a.counts
    return {"met": c.met, "gaps": c.gaps, "unknown": c.unknown,
            "not_applicable": c.not_applicable}


def _status_change(old: Assessment, new: Assessment) -> StatusChange:
    o, n = old.status, new.status
    ro, rn = STATUS_RANK.get(o.label), STATUS_RANK.get(n.label)
    direction: Literal["better", "worse", "same", "unclear"]
    if o.label == n.label:
        direction = "same"
    elif "insufficient information" in (o.label, n.label) or ro is None or rn is None:
        direction = "unclear"
    else:
        direction = "better" if rn > ro else "worse"
    return StatusChange(old_label=o.label, new_label=n.label, old_confidence=o.confidence,
                        new_confidence=n.confidence,
                        changed=(o.label, o.confidence) != (n.label, n.confidence),
                        direction=direction)


def _areas(old: Assessment, new: Assessment) -> list[AreaChange]:
    before = {a.area: a for a in old.areas}
    after = {a.area: a for a in new.areas}
    order = [a.area for a in new.areas] + [a.area for a in old.areas if a.area not in after]
    out = []
    for area in order:
        o, n = before.get(area), after.get(area)
        os_, ns = (o.score if o else None), (n.score if n else None)
        out.append(AreaChange(
            area=area, title=(n or o).title,  # type: ignore[union-attr]
            old_score=os_, new_score=ns,
            delta=round(ns - os_, 1) if os_ is not None and ns is not None else None,
            old_coverage=o.coverage if o else None, new_coverage=n.coverage if n else None,
            old_gaps=o.gaps if o else 0, new_gaps=n.gaps if n else 0))
    return out


def _rule_change(o: Any, n: Any) -> RuleChange | None:
    if o is None and n is None:  # pragma: no cover - defensive
        return None
    os_, ns = (o.status if o else None), (n.status if n else None)
    osev, nsev = (o.severity if o else None), (n.severity if n else None)
    oasp, nasp = (list(o.aspects) if o else []), (list(n.aspects) if n else [])
    kind: ChangeKind
    if os_ == ns == "gap":
        worse = []
        if SEVERITY_RANK[nsev] > SEVERITY_RANK[osev]:  # type: ignore[index]
            worse.append(f"severity raised from {osev} to {nsev}")
        widened = sorted(set(nasp) - set(oasp))
        if widened:
            worse.append("now also a gap in " + " and ".join(widened))
        if not worse:
            return None
        kind, note = "regression", "Still a gap; " + "; ".join(worse)
    elif os_ == ns:
        return None
    elif os_ == "gap" and ns in ("met", "not_applicable"):
        kind = "gap_closed"
        note = "Gap closed: now met" if ns == "met" else "Gap closed: no longer applies"
    elif ns == "gap" and os_ == "met":
        kind, note = "regression", "Was met, now a gap"
    elif ns == "gap":
        kind = "new_gap"
        note = {"unknown": "Was unknown, now a gap", "not_applicable": "Now applies, and is a gap",
                None: "New requirement (not assessed before), found a gap"}[os_]
    elif ns == "unknown" and os_ is not None:
        kind = "now_unknown"
        note = f"Was {_word(os_)}, can no longer be decided"
    elif ns == "met" and os_ in ("unknown", "not_applicable"):
        kind, note = "now_met", f"Was {_word(os_)}, now met"
    elif ns is None:
        kind, note = "other", f"No longer assessed (was {_word(os_)})"
    elif os_ is None:
        kind, note = "other", f"New requirement, now {_word(ns)}"
    else:
        kind, note = "other", f"Was {_word(os_)}, now {_word(ns)}"
    ref = n or o
    return RuleChange(code=ref.code, title=ref.title, area=ref.area, kind=kind, old_status=os_,
                      new_status=ns, old_severity=osev, new_severity=nsev, old_aspects=oasp,
                      new_aspects=nasp, note=note)


def _word(status: str | None) -> str:
    return {"not_applicable": "not applicable", "gap": "a gap", None: "not assessed"}.get(
        status, str(status))


# --------------------------------------------------------------------------- recommendations


def _recs_of(q: Questionnaire) -> list[PreviousRecommendation]:
    return list(q.accreditation.previous_recommendations or [])


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _recommendations(old: list[PreviousRecommendation],
                     new: list[PreviousRecommendation]) -> list[RecommendationChange]:
    """Match by id when both have one, otherwise by normalised text; keep the later order."""
    unmatched = list(old)
    out: list[RecommendationChange] = []
    for rec in new:
        match = _find(rec, unmatched)
        if match is not None:
            unmatched.remove(match)
        out.append(_rec_change(match, rec))
    out.extend(_rec_change(rec, None) for rec in unmatched)
    return out


def _find(rec: PreviousRecommendation,
          pool: list[PreviousRecommendation]) -> PreviousRecommendation | None:
    if rec.id:
        for cand in pool:
            if cand.id and _norm(cand.id) == _norm(rec.id):
                return cand
    for cand in pool:
        if _norm(cand.text) == _norm(rec.text) and not (cand.id and rec.id):
            return cand
    return None


def _rec_change(old: PreviousRecommendation | None,
                new: PreviousRecommendation | None) -> RecommendationChange:
    ref = new or old
    assert ref is not None
    os_, ns = (old.status if old else None), (new.status if new else None)
    change: RecChange
    if old is None:
        change = "added"
    elif new is None:
        change = "dropped"
    elif os_ == ns:
        change = "unchanged"
    elif ns == "unknown":
        change = "now_unknown"
    elif os_ == "unknown":
        change = "now_known"
    else:
        change = "progressed" if REC_RANK[ns] > REC_RANK[os_] else (  # type: ignore[index]
            "regressed" if REC_RANK[ns] < REC_RANK[os_] else "unchanged")  # type: ignore[index]
    return RecommendationChange(key=ref.id or _norm(ref.text), id=ref.id, text=ref.text,
                                old_status=os_, new_status=ns, change=change,
                                action=new.action if new else None)


# --------------------------------------------------------------------------- markdown


def _score(v: float | None) -> str:
    return "–" if v is None else f"{v:g}"


def _cell(text: str) -> str:
    return md_escape(text)


def diff_markdown(d: Diff) -> str:
    """Render a :class:`Diff` as Markdown (English)."""
    lines: list[str] = []
    name = d.new.institution or d.old.institution or "the institution"
    lines += [f"# Progress since the earlier assessment: {_cell(name)}", ""]
    lines += [f"Compared: {_cell(d.old.questionnaire)} ({d.old.assessment_year or 'year not given'}) "
              f"with {_cell(d.new.questionnaire)} ({d.new.assessment_year or 'year not given'}).",
              ""]
    if d.rules_changed:
        lines += ["> The rule packs differ between the two assessments: some changes may come "
                  "from the rules rather than from the institution.", ""]
    s = d.status
    lines += ["## Indicative status", ""]
    if s.changed:
        lines.append(f"{s.old_label} (confidence {s.old_confidence}) → **{s.new_label}** "
                     f"(confidence {s.new_confidence}).")
    else:
        lines.append(f"Unchanged: **{s.new_label}** (confidence {s.new_confidence}).")
    lines += ["", "_Indicative only; not an accreditation decision._", ""]
    o, n = d.counts["old"], d.counts["new"]
    lines += ["## Requirements", "", "| | Before | Now |", "|---|---:|---:|"]
    for key, label in (("met", "Met"), ("gaps", "Gaps"), ("unknown", "Unknown"),
                       ("not_applicable", "Not applicable")):
        lines.append(f"| {label} | {o[key]} | {n[key]} |")
    lines.append("")
    sections = (("Gaps closed", d.gaps_closed), ("New gaps", d.new_gaps),
                ("Regressions", d.regressions),
                ("No longer decidable (answers missing or unknown)", d.now_unknown),
                ("Now met", d.of_kind("now_met")), ("Other changes", d.of_kind("other")))
    for title, items in sections:
        if not items:
            continue
        lines += [f"## {title} ({len(items)})", ""]
        for c in items:
            sev = c.new_severity or c.old_severity
            lines.append(f"- **{c.code}** {_cell(c.title)} ({sev}): {c.note}.")
        lines.append("")
    if not d.changes:
        lines += ["No requirement changed status.", ""]
    if d.remaining_gaps:
        lines += [f"Gaps remaining from before: {', '.join(d.remaining_gaps)}.", ""]
    lines += ["## Scores per area", "", "| Area | Before | Now | Change |", "|---|---:|---:|---:|"]
    for a in d.areas:
        delta = "–" if a.delta is None else f"{a.delta:+g}"
        lines.append(f"| {_cell(a.title)} | {_score(a.old_score)} | {_score(a.new_score)} "
                     f"| {delta} |")
    lines.append("")
    if d.recommendations is not None:
        lines += ["## Previous SCA recommendations", ""]
        if not d.recommendations:
            lines += ["None recorded.", ""]
        else:
            lines += ["| Recommendation | Before | Now | Change |", "|---|---|---|---|"]
            for r in d.recommendations:
                label = f"{r.id}: {r.text}" if r.id else r.text
                lines.append(f"| {_cell(label)} | {_rec_word(r.old_status)} "
                             f"| {_rec_word(r.new_status)} | {r.change.replace('_', ' ')} |")
            lines.append("")
    if d.justifications:
        words = {"added": "added", "removed": "removed", "changed": "changed",
                 "expired": "past its review date"}
        lines += ["## Justifications", ""]
        for j in d.justifications:
            until = f" (review by {j.until})" if j.until else ""
            text = f": {_cell(j.text)}" if j.text else ""
            lines.append(f"- **{j.code}** {words[j.change]}{until}{text}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _rec_word(status: str | None) -> str:
    return "–" if status is None else status.replace("_", " ")
