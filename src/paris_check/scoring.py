"""Scores per area and the indicative accreditation status. The method is written here once.

**Scores.** Each applicable rule weighs by severity: blocker 4, major 3, minor 2, advisory 1.
An area's score is the weight of requirements met divided by the weight of all applicable
requirements (met + gap + unknown), as a percentage. *Unknown counts as not met*; *not
applicable* is left out. Coverage is the share of applicable requirements that could be decided.

**Indicative status.** The form of the method comes from how the SCA says it decides: an A
status means the concerns it notes are not serious enough to impair the institution's ability to
act independently and effectively; a B status follows from concerns that do, and these are
usually several concerns together (selection, immunity, funding, political interference), a
failure to act effectively on serious violations (Practice Note 3), or earlier recommendations
left unaddressed (Practice Note 1). So the method measures the *concerns*, not single rules:

1. **Concern load.** Every area of the questionnaire with at least one gap adds the weight of
   its most serious gap (one concern per area, however many rules in it fail): a blocker weighs
   ``w_blocker``, a major gap 1, a minor gap ``w_minor``, an advisory one nothing. The
   performance area is multiplied by ``effectiveness_factor``: the SCA opens special reviews and
   downgrades for a failure to act on serious violations (Practice Notes 2 and 3), whereas
   unaddressed earlier recommendations are a ground for deferral (Practice Note 1) and weigh
   like any other concern. Only core packs count.
2. **Probability of a B.** ``P(B) = 1 / (1 + exp(-(intercept + slope * load + status_effect
   * not_a)))``, where ``not_a`` is 1 when the institution does not hold A status before the
   review (a first applicant, or a B institution), 0 when it does, and ``not_a_share`` (the
   share of such decisions in the corpus) when ``profile.current_status`` is unanswered. The
   term comes from the accreditation process: a first accreditation or an upgrade must show
   full compliance (GANHRI Statute art. 10), whereas at a re-accreditation (art. 15) or a
   special review (art. 16.2) an A institution keeps A unless its concerns impair its
   independence or effectiveness, and the SCA mostly issues recommendations instead.
3. **Label.** ``B likely`` when ``P(B)`` reaches ``b_threshold``. The threshold is fixed at 1/3,
   not fitted: calling a B institution "A likely" is taken to cost twice as much as the reverse,
   since it gives false reassurance before a five-year review.
4. **Enough to say A.** Otherwise the status is ``A likely`` only when the mandate is answered
   (promotion or protection) and at least ``min_pillars`` of the *pillar areas* can be decided:
   the guarantees of independence, pluralism and effectiveness the SCA examines in every review
   (selection, pluralism, political independence, funding, tenure, performance; Paris
   Principles section B and Practice Note 3). An area is decided when one of its core rules
   is met or a gap. ``min_pillars`` is at least 1, so that the founding
   answers (legal basis and mandate), which say nothing of independence, are never enough on
   their own; an *unanswered* legal basis does not withhold the label, it caps the confidence
   (step 5). An unanswered current status is asked for with the label, whatever it is.
   Otherwise ``insufficient information``, with the unanswered questions that would decide the
   most, most decisive first. An ``A likely`` with pillar areas still undecided lists them too.
5. **Confidence.** The probability of the label given. For a B it is ``P(B)``: what is not
   known can only add concerns. For an A it is ``1 - P(B)`` with the undecided pillar areas
   left open: each may hold a concern as often as the SCA notes one in that area across the
   corpus (``concern_rates``), weighing what such a concern weighs on average there
   (``concern_weights``), and ``P(B)`` is averaged over every combination. So an A called on
   few decided pillars cannot be called with much confidence. ``high`` from 0.85, ``medium``
   from 0.65, ``low`` below; always ``low`` for insufficient information, and at most
   ``medium`` for an A while the legal basis is unanswered.

``w_blocker``, ``w_minor``, ``effectiveness_factor``, ``intercept``, ``slope``,
``status_effect``, ``not_a_share``, ``min_pillars``, ``concern_rates`` and
``concern_weights`` are set on the corpus of real SCA
decisions (``questionnaires/sca-decisions``) and their out-of-sample accuracy is measured by
leave-one-session-out cross-validation (``benchmarks/fidelity.py``). The fitted values ship in
``data/status-model.json``.

The status carries its reasons as data (:class:`~paris_check.results.StatusReason`: a code with
its figures, question IDs, areas and rules); :mod:`paris_check.wording` words them.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .facts import AnswerFact
from .results import AreaConcern, AreaScore, IndicativeStatus, RuleResult, StatusReason
from .vocabulary import ReasonCode, Severity

if TYPE_CHECKING:
    from .packs import RuleSet

WEIGHTS = {s.value: s.weight for s in Severity}
SEVERITY_RANK = {s.value: s.rank for s in Severity}
FOUNDATIONS = ("establishment.legal_basis", "mandate.promotion", "mandate.protection")
MANDATE = ("mandate.promotion", "mandate.protection")
STATUS_HELD = "profile.current_status"
MIN_PILLARS_FLOOR = 1
# The areas of the guarantees of independence, pluralism and effectiveness the SCA examines in
# every review: selection (GO 1.8), pluralism (Paris Principles B.1, GO 1.7), political
# independence (GO 1.9), funding (GO 1.10), tenure and dismissal (GO 2.1, 2.2) and performance
# in practice (Practice Note 3). The founding answers (establishment, GO 1.1; mandate, GO 1.2)
# are preconditions, checked apart (FOUNDATIONS).
PILLARS = ("selection", "composition", "political", "funding", "tenure", "performance")
EFFECTIVENESS_AREAS = ("performance",)
B_THRESHOLD = 1 / 3
CONFIDENCE_LEVELS = (("high", 0.85), ("medium", 0.65))
DISCLAIMER = (
    "Indicative only: this is the result of a self-assessment tool, not an accreditation "
    "decision. Only the GANHRI Sub-Committee on Accreditation recommends a status, after "
    "examining the law, the practice and information from third parties, and the GANHRI Bureau "
    "decides.")
METHOD = (
    "Each area with a gap adds one concern, weighed by its most serious gap; concerns on effectiveness "
    "in practice weigh more. The total concern load, and whether the institution already holds A status, "
    "give a probability that the SCA would find the institution only partly compliant (B); from one in "
    "three, the status is B likely. Otherwise it is A likely if the mandate is answered and enough of "
    "the six pillar areas, the guarantees of independence, pluralism and effectiveness (selection, "
    "pluralism, political independence, funding, tenure, performance), could be decided, and "
    "insufficient information if not; "
    "an unanswered legal basis keeps the confidence at medium or below. The weights, the probability "
    "curve and the number of pillar areas needed were set on real SCA decisions and tested on sessions "
    "left out. Confidence is the probability of the label (for an A, allowing each pillar area not yet "
    "decided to hold a concern as often as the SCA notes one there): high from 85 %, medium from 65 %. "
    "Unknown answers never count as met. Only the Paris Principles and General Observations packs count "
    "for the status; related standards (Venice, Belgrade Principles) are reported separately.")


@dataclass(frozen=True)
class StatusModel:
    """The parameters of the status method (see the module docstring)."""

    w_blocker: float
    w_minor: float
    effectiveness_factor: float
    intercept: float
    slope: float
    min_pillars: int
    # Per pillar area: how often the SCA notes a concern there, and the mean weight of such a
    # concern (step 5); fitted on the corpus. An area left out counts as never concerned.
    concern_rates: Mapping[str, float] = field(default_factory=dict)
    concern_weights: Mapping[str, float] = field(default_factory=dict)
    # Step 2: what not holding A status before the review adds to the log-odds of a B, and the
    # share of the corpus not holding A (used when the current status is unanswered).
    status_effect: float = 0.0
    not_a_share: float = 0.0

    def status_term(self, not_a: float | None) -> float:
        """The status term of step 2: ``not_a`` (1 without A status, 0 with it, from
        :func:`not_a_status`), or the corpus share when the status is unanswered (None)."""
        return self.not_a_share if not_a is None else not_a

    def weight(self, severity: str, area: str) -> float:
        """Weight of a concern of ``severity`` in ``area``."""
        base = {"blocker": self.w_blocker, "major": 1.0, "minor": self.w_minor}.get(severity, 0.0)
        return base * (self.effectiveness_factor if area in EFFECTIVENESS_AREAS else 1.0)

    def b_probability(self, load: float, not_a: float | None = None) -> float:
        """P(B) for a concern load and the status term (``not_a``: see :meth:`status_term`)."""
        logit = self.intercept + self.slope * load + self.status_effect * self.status_term(not_a)
        return 1.0 / (1.0 + math.exp(-logit))

    def open_b_probability(self, load: float, undecided: Sequence[str],
                           not_a: float | None = None) -> float:
        """P(B) once the ``undecided`` pillar areas are allowed to hold a concern each, as
        often as the SCA notes one there (the expectation over every combination)."""
        open_ = [a for a in undecided if self.concern_rates.get(a, 0.0) > 0.0]
        total = 0.0
        for combo in itertools.product((False, True), repeat=len(open_)):
            chance, extra = 1.0, 0.0
            for area, h in zip(open_, combo, strict=True):
                rate = self.concern_rates[area]
                chance *= rate if h else 1.0 - rate
                extra += self.concern_weights.get(area, 0.0) if h else 0.0
            total += chance * self.b_probability(load + extra, not_a)
        return total


@cache
def default_model() -> StatusModel:
    """The fitted model shipped with the package (``data/status-model.json``)."""
    text = resources.files("paris_check").joinpath("data/status-model.json").read_text("utf-8")
    return StatusModel(**json.loads(text)["parameters"])


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


def worst_gaps(results: Sequence[RuleResult]) -> dict[str, RuleResult]:
    """The most serious core gap of each area (ties: the lowest code)."""
    worst: dict[str, RuleResult] = {}
    for r in results:
        if r.scope != "core" or r.status != "gap":
            continue
        cur = worst.get(r.area)
        if cur is None or (SEVERITY_RANK[r.severity], r.code) < (SEVERITY_RANK[cur.severity],
                                                                  cur.code):
            worst[r.area] = r
    return worst


def area_concerns(results: Sequence[RuleResult], model: StatusModel) -> list[AreaConcern]:
    """The most serious core gap of each area, weighed, heaviest first."""
    out = [AreaConcern(area=a, code=r.code, severity=r.severity,
                       weight=round(model.weight(r.severity, a), 4))
           for a, r in worst_gaps(results).items()]
    return sorted((c for c in out if c.weight > 0), key=lambda c: (-c.weight, c.area))


def pillar_areas(results: Sequence[RuleResult]) -> list[str]:
    """The pillar areas (``PILLARS``) that the results hold, in that order."""
    present = {r.area for r in results if r.scope == "core"}
    return [a for a in PILLARS if a in present]


def not_a_status(facts: Mapping[str, AnswerFact]) -> float | None:
    """Step 2's status term from the answers: 0.0 when the institution holds A status, 1.0
    when it holds B or is not accredited, None when the current status is unanswered."""
    fact = facts[STATUS_HELD]
    if fact.state != "answered" or fact.value is None:
        return None
    return 0.0 if fact.value == "A" else 1.0


def decided_areas(results: Sequence[RuleResult], areas: Sequence[str]) -> list[str]:
    """Those of ``areas`` in which at least one core rule is met or a gap."""
    return [a for a in areas
            if any(r.area == a and r.scope == "core" and r.status in ("met", "gap")
                   for r in results)]


def deciding_questions(results: Sequence[RuleResult], areas: Sequence[str],
                       facts: Mapping[str, AnswerFact], limit: int = 5) -> list[str]:
    """Unanswered questions that would decide the most in ``areas``, most decisive first.

    A question ranks by the most severe unknown rule that reads it, then by how many unknown
    rules read it, then by its ID.
    """
    rank: dict[str, tuple[int, int]] = {}
    for r in results:
        if r.scope != "core" or r.status != "unknown" or r.area not in areas:
            continue
        for a in r.answers:
            if facts[a.question].state in ("missing", "unknown"):
                sev, n = rank.get(a.question, (9, 0))
                rank[a.question] = (min(sev, SEVERITY_RANK[r.severity]), n + 1)
    ordered = sorted(rank, key=lambda q: (rank[q][0], -rank[q][1], q))
    return ordered[:limit]


def _confidence(p: float) -> str:
    for level, floor in CONFIDENCE_LEVELS:
        if p >= floor:
            return level
    return "low"


def decide(p_b: float, *, mandate_known: bool, basis_known: bool, decided: int,
           model: StatusModel, p_open: float | None = None) -> tuple[str, str]:
    """Label and confidence from the probability of a B, the same with the undecided pillar
    areas left open (``p_open``), and what could be decided (steps 3-5 of the method)."""
    if p_b >= B_THRESHOLD:
        return "B likely", _confidence(p_b)
    if not mandate_known or decided < model.min_pillars:
        return "insufficient information", "low"
    confidence = _confidence(1.0 - (p_b if p_open is None else max(p_b, p_open)))
    if not basis_known and confidence == "high":
        confidence = "medium"
    return "A likely", confidence


def indicative_status(results: Sequence[RuleResult], facts: Mapping[str, AnswerFact],
                      model: StatusModel | None = None) -> IndicativeStatus:
    """Apply the method in this module's docstring (core rules only)."""
    model = model or default_model()
    core = [r for r in results if r.scope == "core"]
    concerns = area_concerns(core, model)
    load = round(sum(c.weight for c in concerns), 4)
    not_a = not_a_status(facts)
    p_b = model.b_probability(load, not_a)
    pillars = pillar_areas(core)
    decided = decided_areas(core, pillars)
    undecided = [a for a in pillars if a not in decided]
    mandate_known = any(facts[q].state == "answered" for q in MANDATE)
    basis_known = facts[FOUNDATIONS[0]].state == "answered"
    to_answer: list[str] = []
    p_open = model.open_b_probability(load, undecided, not_a)
    label, confidence = decide(p_b, mandate_known=mandate_known, basis_known=basis_known,
                               decided=len(decided), model=model, p_open=p_open)
    load_reason = StatusReason(code=ReasonCode.CONCERN_LOAD, value=load, count=len(concerns),
                               areas=[c.area for c in concerns], rules=[c.code for c in concerns])
    p_reason = StatusReason(code=ReasonCode.B_PROBABILITY, value=round(p_b, 4),
                            threshold=round(B_THRESHOLD, 4))
    held_reason = StatusReason(code=ReasonCode.STATUS_HELD,
                               value=None if not_a is None else 1.0 - not_a,
                               questions=[STATUS_HELD])
    # The current status moves the probability of a B: ask for it when it is unanswered.
    status_first = [STATUS_HELD] if not_a is None else []
    pillars_reason = StatusReason(code=ReasonCode.PILLARS_DECIDED, count=len(decided),
                                  total=len(pillars), needed=model.min_pillars)
    reasons: list[StatusReason]
    if label == "B likely":
        reasons = [load_reason, p_reason, held_reason]
        to_answer = status_first
    elif label == "insufficient information":
        first = [q for q in FOUNDATIONS if facts[q].state != "answered"]
        if not basis_known or not mandate_known:
            first = [q for q in first if q == FOUNDATIONS[0] or not mandate_known]
        to_answer = first + status_first + [
            q for q in deciding_questions(core, undecided, facts) if q not in first]
        to_answer = to_answer[:5]
        reasons = [StatusReason(code=ReasonCode.MANDATE_UNANSWERED, questions=list(MANDATE))
                   ] if not mandate_known else []
        reasons += [pillars_reason,
                    StatusReason(code=ReasonCode.ANSWER_FIRST, questions=to_answer)]
    else:
        reasons = [load_reason, p_reason, held_reason, pillars_reason]
        if not basis_known:
            to_answer = [FOUNDATIONS[0]]
            reasons.append(StatusReason(code=ReasonCode.LEGAL_BASIS_UNANSWERED,
                                        questions=[FOUNDATIONS[0]]))
        to_answer = (to_answer + status_first + deciding_questions(core, undecided, facts))[:5]
    return IndicativeStatus(
        label=label, confidence=confidence, reasons=reasons,  # type: ignore[arg-type]
        b_probability=round(p_b, 4), concern_load=load, concerns=concerns,
        pillars_decided=decided, pillars_undecided=undecided,
        min_pillars=model.min_pillars, to_answer=to_answer,
        method=METHOD, disclaimer=DISCLAIMER)
