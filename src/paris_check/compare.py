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

from .i18n import N_, _
from .mdtext import md_escape
from .results import RESULT_SCHEMA_VERSION, Assessment, Status
from .vocabulary import Severity

if TYPE_CHECKING:
    from .assessing import Assessor
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

    def to_markdown(self, lang: str = "en") -> str:
        """A short Markdown summary for people, in ``lang`` (see :func:`diff_markdown`)."""
        return diff_markdown(self, lang)


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
    """Read a saved JSON result, of this version or of an earlier one (1.x results are
    upgraded: see :func:`upgrade_result`). Raises :class:`~paris_check.errors.InputError` if
    invalid."""
    import json

    from pydantic import ValidationError

    from .errors import QuestionnaireError, SourceSpan
    from .yamlio import read_text

    text = read_text(path)
    span = SourceSpan(str(path))
    hint = _("give a questionnaire (.yaml) or a result written by `paris-check assess "
             "--format json`")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise QuestionnaireError(_("not a valid paris_check result: not JSON (%(error)s)",
                                   error=str(exc)),
                                 code="PC016", span=span, hint=hint) from None
    version = _result_version(data)
    major = version.split(".")[0]
    if major not in ("1", RESULT_SCHEMA_VERSION.split(".")[0]):
        raise QuestionnaireError(
            _("result format %(version)s is not one this version of paris_check reads",
              version=version),
            code="PC016", span=span,
            hint=_("it reads result formats 1.x and %(current)s; upgrade paris_check or assess "
                   "the questionnaire again", current=RESULT_SCHEMA_VERSION))
    if major == "1":
        data = upgrade_result(data)
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        message = _("not a valid paris_check result: %(where)s: %(problem)s", where=where,
                    problem=first["msg"])
        if exc.error_count() > 1:
            message += " " + _("(further problems: %(num)s)", num=exc.error_count() - 1)
        raise QuestionnaireError(message, code="PC016", span=span, hint=hint) from None


def _result_version(data: Any) -> str:
    """The result format of parsed JSON: ``schema_version`` (2.0 on), else the 1.x
    ``provenance.result_schema`` (1.0 when absent)."""
    if not isinstance(data, dict):
        return RESULT_SCHEMA_VERSION  # let validation say what is wrong
    if isinstance(data.get("schema_version"), str):
        return str(data["schema_version"])
    prov = data.get("provenance")
    if isinstance(prov, dict) and isinstance(prov.get("result_schema"), str):
        return str(prov["result_schema"])
    return "1.0" if isinstance(prov, dict) else RESULT_SCHEMA_VERSION


_V1_KINDS = {"met": "met", "gap": "gap", "unknown": "not_enough_information",
             "not_applicable": "does_not_apply"}


def upgrade_result(data: dict[str, Any]) -> dict[str, Any]:
    """A 1.x result (parsed JSON) in the current shape, for comparison.

    What 1.x held as English sentences is not carried over: the explanations keep only their
    kind (from the status), the status reasons and the answers' text are dropped. Everything a
    comparison reads (statuses, severities, aspects, scores, counts, provenance, justifications)
    is kept as it was.
    """
    out = {k: v for k, v in data.items()}
    out["schema_version"] = RESULT_SCHEMA_VERSION
    prov = dict(out.get("provenance") or {})
    prov.pop("result_schema", None)
    out["provenance"] = prov
    status = dict(out.get("status") or {})
    status["reasons"] = []
    out["status"] = status
    results = []
    for r in out.get("results") or []:
        if not isinstance(r, dict):
            results.append(r)
            continue
        r = {k: v for k, v in r.items() if k != "reason"}
        r["explanation"] = {"kind": _V1_KINDS.get(str(r.get("status")), "not_enough_information")}
        r["answers"] = [{k: v for k, v in a.items() if k != "answer"} if isinstance(a, dict)
                        else a for a in r.get("answers") or []]
        results.append(r)
    out["results"] = results
    return out


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


def diff_markdown(d: Diff, lang: str = "en") -> str:
    """Render a :class:`Diff` as Markdown in ``lang`` (English by default)."""
    from .i18n import use_language

    with use_language(lang):
        return _diff_markdown(d, _Words(lang))


class _Words:
    """Rule and area titles and vocabulary words of the diff, in one language."""

    def __init__(self, lang: str) -> None:
        from .i18n import Translator

        self.lang = lang
        self.tr = Translator(lang)

    def title(self, code: str, english: str) -> str:
        return english if self.lang == "en" else self.tr.rule(code, "title", english)

    def area(self, english: str) -> str:
        """An area's title (a pack title in the catalogue), else the English."""
        from .i18n import norm

        if self.lang == "en":
            return english
        key = norm(english)
        return next((text for (ctx, msgid), text in self.tr._cat.items()
                     if msgid == key and ctx and ctx.startswith("pack:")), english)

    def word(self, english: str) -> str:
        """A vocabulary word (status label, confidence, severity): one of :data:`_VOCABULARY`."""
        return _(english)


#: The words of statuses, confidences and severities, marked for the ``cli`` catalogue.
_VOCABULARY = (N_("A likely"), N_("B likely"), N_("insufficient information"), N_("high"),
               N_("medium"), N_("low"), N_("blocker"), N_("major"), N_("minor"), N_("advisory"))


_STATE = {"not_applicable": N_("not applicable"), "gap": N_("a gap"), None: N_("not assessed"),
          "met": N_("met"), "unknown": N_("unknown")}


_ASPECT = {"law": N_("law"), "practice": N_("practice")}


def _state(status: str | None) -> str:
    return _(_STATE[status]) if status in _STATE else str(status)


def change_note(c: RuleChange, words: _Words | None = None) -> str:
    """The change of one requirement in words, in the current language (``c.note`` in
    English)."""
    w = words or _Words("en")
    os_, ns = c.old_status, c.new_status
    if os_ == ns == "gap":
        worse = []
        if SEVERITY_RANK[c.new_severity] > SEVERITY_RANK[c.old_severity]:  # type: ignore[index]
            worse.append(_("severity raised from %(old)s to %(new)s",
                           old=w.word(str(c.old_severity)), new=w.word(str(c.new_severity))))
        widened = sorted(set(c.new_aspects) - set(c.old_aspects))
        if widened:
            where = [_(_ASPECT[x]) if x in _ASPECT else x for x in widened]
            worse.append(_("now also a gap in %(where)s", where=where[0] if len(where) == 1
                           else _("%(first)s and %(second)s", first=where[0], second=where[1])))
        return _("Still a gap; %(what)s", what="; ".join(worse))
    if os_ == "gap" and ns in ("met", "not_applicable"):
        return _("Gap closed: now met") if ns == "met" else _("Gap closed: no longer applies")
    if ns == "gap":
        return {"met": _("Was met, now a gap"), "unknown": _("Was unknown, now a gap"),
                "not_applicable": _("Now applies, and is a gap"),
                None: _("New requirement (not assessed before), found a gap")}.get(
                    os_, _("Was %(old)s, now %(new)s", old=_state(os_), new=_state(ns)))
    if ns == "unknown" and os_ is not None:
        return _("Was %(old)s, can no longer be decided", old=_state(os_))
    if ns == "met" and os_ in ("unknown", "not_applicable"):
        return _("Was %(old)s, now met", old=_state(os_))
    if ns is None:
        return _("No longer assessed (was %(old)s)", old=_state(os_))
    if os_ is None:
        return _("New requirement, now %(new)s", new=_state(ns))
    return _("Was %(old)s, now %(new)s", old=_state(os_), new=_state(ns))


_REC_CHANGE = {"progressed": N_("progressed"), "regressed": N_("regressed"),
               "unchanged": N_("unchanged"), "now_unknown": N_("now unknown"),
               "now_known": N_("now known"), "added": N_("added"), "dropped": N_("dropped")}
_REC_STATUS = {"implemented": N_("implemented"), "partly_implemented": N_("partly implemented"),
               "not_implemented": N_("not implemented"),
               "no_longer_relevant": N_("no longer relevant"), "unknown": N_("unknown")}


def _diff_markdown(d: Diff, w: _Words) -> str:
    lines: list[str] = []
    name = d.new.institution or d.old.institution or _("the institution")
    lines += [_("# Progress since the earlier assessment: %(name)s", name=_cell(name)), ""]
    lines += [_("Compared: %(old)s (%(old_year)s) with %(new)s (%(new_year)s).",
                old=_cell(d.old.questionnaire),
                old_year=d.old.assessment_year or _("year not given"),
                new=_cell(d.new.questionnaire),
                new_year=d.new.assessment_year or _("year not given")), ""]
    if d.rules_changed:
        lines += ["> " + _("The rule packs differ between the two assessments: some changes may "
                           "come from the rules rather than from the institution."), ""]
    s = d.status
    lines += ["## " + _("Indicative status"), ""]
    if s.changed:
        lines.append(_("%(old)s (confidence %(old_confidence)s) → **%(new)s** (confidence "
                       "%(new_confidence)s).", old=w.word(s.old_label),
                       old_confidence=w.word(s.old_confidence), new=w.word(s.new_label),
                       new_confidence=w.word(s.new_confidence)))
    else:
        lines.append(_("Unchanged: **%(label)s** (confidence %(confidence)s).",
                       label=w.word(s.new_label), confidence=w.word(s.new_confidence)))
    lines += ["", "_" + _("Indicative only; not an accreditation decision.") + "_", ""]
    o, n = d.counts["old"], d.counts["new"]
    lines += ["## " + _("Requirements"), "", f"| | {_('Before')} | {_('Now')} |",
              "|---|---:|---:|"]
    for key, label in (("met", _("Met")), ("gaps", _("Gaps")), ("unknown", _("Unknown")),
                       ("not_applicable", _("Not applicable"))):
        lines.append(f"| {label} | {o[key]} | {n[key]} |")
    lines.append("")
    sections = ((_("Gaps closed"), d.gaps_closed), (_("New gaps"), d.new_gaps),
                (_("Regressions"), d.regressions),
                (_("No longer decidable (answers missing or unknown)"), d.now_unknown),
                (_("Now met"), d.of_kind("now_met")), (_("Other changes"), d.of_kind("other")))
    for title, items in sections:
        if not items:
            continue
        lines += [f"## {title} ({len(items)})", ""]
        for c in items:
            sev = c.new_severity or c.old_severity
            note = c.note if w.lang == "en" else change_note(c, w)
            lines.append(f"- **{c.code}** {_cell(w.title(c.code, c.title))} "
                         f"({w.word(str(sev)) if sev else sev}): {note}.")
        lines.append("")
    if not d.changes:
        lines += [_("No requirement changed status."), ""]
    if d.remaining_gaps:
        lines += [_("Gaps remaining from before: %(codes)s.", codes=", ".join(d.remaining_gaps)),
                  ""]
    lines += ["## " + _("Scores per area"), "",
              f"| {_('Area')} | {_('Before')} | {_('Now')} | {_('Change')} |",
              "|---|---:|---:|---:|"]
    for a in d.areas:
        delta = "–" if a.delta is None else f"{a.delta:+g}"
        lines.append(f"| {_cell(w.area(a.title))} | {_score(a.old_score)} | "
                     f"{_score(a.new_score)} | {delta} |")
    lines.append("")
    if d.recommendations is not None:
        lines += ["## " + _("Previous SCA recommendations"), ""]
        if not d.recommendations:
            lines += [_("None recorded."), ""]
        else:
            lines += [f"| {_('Recommendation')} | {_('Before')} | {_('Now')} | {_('Change')} |",
                      "|---|---|---|---|"]
            for r in d.recommendations:
                label = f"{r.id}: {r.text}" if r.id else r.text
                lines.append(f"| {_cell(label)} | {_rec_word(r.old_status)} "
                             f"| {_rec_word(r.new_status)} | {_(_REC_CHANGE[r.change])} |")
            lines.append("")
    if d.justifications:
        words = {"added": _("added"), "removed": _("removed"), "changed": _("changed"),
                 "expired": _("past its review date")}
        lines += ["## " + _("Justifications"), ""]
        for j in d.justifications:
            until = " " + _("(review by %(date)s)", date=j.until) if j.until else ""
            text = f": {_cell(j.text)}" if j.text else ""
            lines.append(f"- **{j.code}** {words[j.change]}{until}{text}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _rec_word(status: str | None) -> str:
    if status is None:
        return "–"
    return _(_REC_STATUS[status]) if status in _REC_STATUS else status.replace("_", " ")
