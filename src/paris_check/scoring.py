"""Scores per area and the indicative accreditation status. The method is written here once.

**Scores.** Each applicable rule weighs by severity: blocker 4, major 3, minor 2, advisory 1.
An area's score is the weight of requirements met divided by the weight of all applicable
requirements (met + gap + unknown), as a percentage. *Unknown counts as not met*; *not
applicable* is left out. Coverage is the share of applicable requirements that could be decided.

**Indicative status.** A blocker is a shortfall the SCA has treated as incompatible with full
compliance (General Observations of "central importance", and SCA practice).

1. ``B likely`` if at least one blocker-severity requirement is a gap.
2. ``insufficient information`` if the founding questions cannot be decided: the legal basis,
   and at least one of the promotion and protection mandate questions.
3. ``A likely`` otherwise, *on the requirements that could be decided*. The confidence says how
   much is still open, and every undecided blocker-level requirement is listed with the status.
   Major and minor gaps do not change the label (A-status institutions usually still receive
   recommendations) but they are listed, and the SCA may defer a review on them, especially
   when earlier recommendations were left unaddressed.

Only rules of *core* packs count for the status; optional packs (related standards such as the
Venice and Belgrade Principles) are reported and scored in their own areas.

Confidence is ``high`` when at most 10 % of applicable blocker and major requirements are
unknown, ``medium`` up to a third, ``low`` beyond, and ``low`` whenever more than half of the
blocker requirements are unknown. The status is indicative only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .facts import AnswerFact
from .results import AreaScore, IndicativeStatus, RuleResult

if TYPE_CHECKING:
    from .packs import RuleSet

WEIGHTS = {"blocker": 4, "major": 3, "minor": 2, "advisory": 1}
FOUNDATIONS = ("establishment.legal_basis", "mandate.promotion", "mandate.protection")
DISCLAIMER = (
    "Indicative only: this is the result of a self-assessment tool, not an accreditation "
    "decision. Only the GANHRI Sub-Committee on Accreditation recommends a status, after "
    "examining the law, the practice and information from third parties, and the GANHRI Bureau "
    "decides.")
METHOD = (
    "B likely if any blocker-severity requirement is not met; insufficient information if the "
    "founding questions (legal basis, promotion and protection mandate) are unanswered; otherwise "
    "A likely on the requirements that could be decided, with a confidence level (high, medium, "
    "low) that falls as more blocker and major requirements stay unknown. Unknown answers "
    "never count as met. Scores weigh requirements by severity (blocker 4, major 3, minor 2, "
    "advisory 1). Only the Paris Principles and General Observations packs count for the status; "
    "related standards (Venice, Belgrade Principles) are reported separately.")


def _pct(num: float, den: float) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def area_scores(results: Sequence[RuleResult], ruleset: RuleSet) -> list[AreaScore]:
    """One :class:`AreaScore` per area, in pack order."""
    areas: dict[str, str] = {}
    for pack in ruleset.packs:
        areas.setdefault(pack.spec.area, pack.spec.title)
    out = []
    for area, title in areas.items():
        rs = [r for r in results if r.area == area]
        met = [r for r in rs if r.status == "met"]
        gaps = [r for r in rs if r.status == "gap"]
        unknown = [r for r in rs if r.status == "unknown"]
        applicable = met + gaps + unknown
        w = sum(WEIGHTS[r.severity] for r in applicable)
        out.append(AreaScore(
            area=area, title=title, met=len(met), gaps=len(gaps), unknown=len(unknown),
            not_applicable=len(rs) - len(applicable),
            score=_pct(sum(WEIGHTS[r.severity] for r in met), w),
            coverage=_pct(len(met) + len(gaps), len(applicable))))
    return out


def indicative_status(results: Sequence[RuleResult],
                      facts: Mapping[str, AnswerFact]) -> IndicativeStatus:
    """Apply the method in this module's docstring (core rules only)."""
    results = [r for r in results if r.scope == "core"]
    blockers = [r for r in results if r.severity == "blocker" and r.status != "not_applicable"]
    decisive = [r for r in results if r.severity in ("blocker", "major")
                and r.status != "not_applicable"]
    blocker_gaps = [r for r in blockers if r.status == "gap"]
    blocker_unknown = [r for r in blockers if r.status == "unknown"]
    unknown_share = (sum(r.status == "unknown" for r in decisive) / len(decisive)
                     if decisive else 1.0)
    confidence = "high" if unknown_share <= 0.10 else "medium" if unknown_share <= 1 / 3 else "low"
    majors = [r for r in results if r.severity == "major" and r.status == "gap"]
    reasons: list[str] = []
    missing_foundations = [q for q in FOUNDATIONS if facts[q].state != "answered"]
    if facts[FOUNDATIONS[0]].state == "answered" and len(missing_foundations) < 2:
        missing_foundations = []  # legal basis and at least one side of the mandate are known
    if blockers and len(blocker_unknown) * 2 > len(blockers):
        confidence = "low"
    if blocker_gaps:
        label = "B likely"
        reasons = [f"{r.code} {r.title} (blocker gap; {', '.join(r.references[:3])})"
                   for r in blocker_gaps]
    elif missing_foundations:
        label = "insufficient information"
        reasons.append("Founding questions unanswered: " + ", ".join(missing_foundations))
        reasons.append(f"{len(blocker_unknown)} of {len(blockers)} blocker-level requirements "
                       "cannot be decided from the answers")
    else:
        label = "A likely"
        reasons.append("No blocker-level gap found among the requirements that could be decided")
        if majors:
            reasons.append(f"{len(majors)} major gap(s) remain; the SCA would likely make "
                           "recommendations on them")
        if blocker_unknown:
            reasons.append(f"{len(blocker_unknown)} blocker-level requirement(s) are still "
                           "unknown: " + ", ".join(r.code for r in blocker_unknown))
    return IndicativeStatus(label=label, confidence=confidence, reasons=reasons,  # type: ignore[arg-type]
                            method=METHOD, disclaimer=DISCLAIMER)
