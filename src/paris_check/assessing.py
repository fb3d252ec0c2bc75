"""Run the rules on a questionnaire and build an :class:`~paris_check.results.Assessment`.

For every rule four conditions are compiled: *applies*, *does not apply*, *gap* and *met*
(the Kleene negation of *gap*). A rule is:

* ``not_applicable`` when "does not apply" is true (profile) or a question it needs was
  declared not applicable by the institution;
* ``gap`` when "gap" is true, ``met`` when "met" is true;
* ``unknown`` otherwise: some answer it needs is missing or unknown. Unknown never counts as met.

Each result carries its :class:`~paris_check.results.Explanation` as data (the kind of outcome,
the tests that decided with the answers they read, the questions to answer) and the texts of
the rule as written in the pack in use. The module is named ``assessing`` so that
``paris_check.assess`` stays the public function.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from typing import Protocol

from . import __version__
from .conditions import DNF, And, Conjunct, Node, Not, questions_of, to_dnf
from .explain import condition, remedies
from .facts import AnswerFact, answer_facts
from .packs import Rule, RuleSet
from .questionnaire.catalogue import questions
from .questionnaire.model import Justification, Questionnaire
from .results import (
    AnswerView,
    Assessment,
    Counts,
    Explanation,
    Institution,
    JustificationView,
    PackInfo,
    Provenance,
    RuleResult,
    Status,
)
from .scoring import area_scores, indicative_status
from .vocabulary import SEVERITIES, AnswerState, Outcome

KINDS = ("applies", "na", "gap", "met")


class ConditionEngine(Protocol):
    """What an engine must do: say which conjuncts of which conditions are true."""

    def evaluate(self, facts: Mapping[str, AnswerFact]) -> frozenset[tuple[str, int]]: ...

    def close(self) -> None: ...


def applicability(rule: Rule, pack_applies: Node | None) -> Node | None:
    parts = [n for n in (pack_applies, rule.applies) if n is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def rule_conditions(ruleset: RuleSet) -> dict[str, DNF]:
    """The four DNF conditions of every rule, keyed ``CODE:kind``."""
    out: dict[str, DNF] = {}
    for pack in ruleset.packs:
        for rule in pack.rules:
            app = applicability(rule, pack.applies)
            if app is not None:
                out[f"{rule.code}:applies"] = to_dnf(app)
                out[f"{rule.code}:na"] = to_dnf(Not(app))
            out[f"{rule.code}:gap"] = to_dnf(rule.gap)
            out[f"{rule.code}:met"] = to_dnf(Not(rule.gap))
    return out


class Assessor:
    """Assesses questionnaires against a rule set. Thread-safe; holds no per-assessment state."""

    def __init__(self, ruleset: RuleSet,
                 engine_factory: Callable[[Mapping[str, DNF]], ConditionEngine] | None = None):
        if engine_factory is None:
            from .engine import DurableEngine

            engine_factory = DurableEngine
        self.ruleset = ruleset
        self.conditions = rule_conditions(ruleset)
        self.engine = engine_factory(self.conditions)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Assessor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def assess(self, questionnaire: Questionnaire, *, source_name: str = "<questionnaire>",
               source_bytes: bytes | None = None) -> Assessment:
        facts = answer_facts(questionnaire)
        fired = self.engine.evaluate(facts)
        results = [self._result(rule, pack_applies, facts, fired)
                   for pack in self.ruleset.packs for rule in pack.rules
                   for pack_applies in (pack.applies,)]
        results.sort(key=lambda r: r.code)
        return build_assessment(questionnaire, results, self.ruleset, source_name, source_bytes,
                                facts=facts)

    def _true_conjuncts(self, key: str, fired: frozenset[tuple[str, int]]) -> list[Conjunct]:
        dnf = self.conditions.get(key, ())
        return [c for i, c in enumerate(dnf) if (key, i) in fired]

    def _result(self, rule: Rule, pack_applies: Node | None, facts: Mapping[str, AnswerFact],
                fired: frozenset[tuple[str, int]]) -> RuleResult:
        code = rule.code
        reads = sorted(set(rule.reads))
        app = applicability(rule, pack_applies)
        because: list[Conjunct] = []
        open_q: list[str] = []
        to_pass = []
        aspects: list[str] = []
        if app is not None and (na := self._true_conjuncts(f"{code}:na", fired)):
            kind, because = Outcome.DOES_NOT_APPLY, na[:1]
        elif app is not None and not self._true_conjuncts(f"{code}:applies", fired):
            kind = Outcome.APPLICABILITY_UNKNOWN
            open_q = _open_questions(sorted(set(rule.reads_for_applicability)
                                            | set(_qids(app))), facts)
        elif gap := self._true_conjuncts(f"{code}:gap", fired):
            kind, because = Outcome.GAP, gap
            to_pass = remedies(gap, facts)
            aspects = sorted({t.attr for c in gap for t in c if t.attr in ("law", "practice")})
        elif met := self._true_conjuncts(f"{code}:met", fired):
            kind, because = Outcome.MET, met[:1]
        else:
            declared = [q for q in reads if facts[q].state == "not_applicable"]
            open_q = _open_questions(reads, facts)
            if declared and not open_q:
                kind, open_q = Outcome.DECLARED_NOT_APPLICABLE, declared
            else:
                kind, open_q = Outcome.NOT_ENOUGH_INFORMATION, open_q or reads
        status: Status = kind.status
        shown = reads if status != "not_applicable" or not app else sorted(set(_qids(app)))
        spec = rule.spec
        return RuleResult(
            code=code, slug=spec.slug, pack=rule.pack, area=rule.area, scope=rule.scope,
            title=spec.title,
            severity=spec.severity, confidence=spec.confidence, references=list(spec.references),
            status=status, aspects=aspects,  # type: ignore[arg-type]
            finding=spec.finding.strip() if status == "gap" else None,
            recommendation=spec.recommendation.strip() if status in ("gap", "unknown") else None,
            rationale=spec.rationale.strip() or None,
            answers=[_view(facts[q]) for q in shown],
            explanation=Explanation.model_construct(
                kind=kind, because=[condition(c, facts) for c in because], to_pass=to_pass,
                questions=open_q))


def _justified(r: RuleResult, j: Justification | None) -> RuleResult:
    if j is None:
        return r
    view = JustificationView(text=" ".join(j.text.split()), by=j.by,
                             date=j.date.isoformat() if j.date else None,
                             until=j.until.isoformat() if j.until else None)
    return r.model_copy(update={"justification": view})


def _qids(node: Node) -> list[str]:
    return list(questions_of(node))


def _open_questions(qids: list[str], facts: Mapping[str, AnswerFact]) -> list[str]:
    return [q for q in qids if facts[q].state in ("missing", "unknown")]


def _view(fact: AnswerFact) -> AnswerView:
    q = questions()[fact.qid]
    value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    return AnswerView.model_construct(
        question=fact.qid, label=q.label, state=AnswerState(fact.state), in_law=fact.in_law,
        in_practice=fact.in_practice, value=value, items=fact.items,
        evidence=list(fact.evidence), reason=fact.reason)


def build_assessment(questionnaire: Questionnaire, results: list[RuleResult], ruleset: RuleSet,
                     source_name: str, source_bytes: bytes | None,
                     facts: Mapping[str, AnswerFact] | None = None) -> Assessment:
    """Assemble the final result from rule results (shared by every engine)."""
    digest = hashlib.sha256(
        source_bytes if source_bytes is not None
        else questionnaire.model_dump_json().encode()).hexdigest()
    p = questionnaire.profile

    def text(a: object) -> str | None:
        return getattr(a, "value", None) if a is not None else None

    year = text(p.assessment_year)
    institution = Institution(
        name=text(p.name), acronym=text(p.acronym), country=text(p.country),
        institution_type=text(p.institution_type), assessment_year=int(year) if year else None)
    if facts is None:
        facts = answer_facts(questionnaire)
    if questionnaire.justifications:
        results = [_justified(r, questionnaire.justifications.get(r.code)) for r in results]
    unanswered = sorted({a.question for r in results if r.status == "unknown" for a in r.answers
                         if facts[a.question].state in ("missing", "unknown")})
    by_sev: dict[str, int] = {s: 0 for s in SEVERITIES}
    for r in results:
        if r.status == "gap":
            by_sev[r.severity] += 1
    counts = Counts(
        met=sum(r.status == "met" for r in results), gaps=sum(r.status == "gap" for r in results),
        unknown=sum(r.status == "unknown" for r in results),
        not_applicable=sum(r.status == "not_applicable" for r in results),
        gaps_by_severity=by_sev,
        justified=sum(r.status == "gap" and r.justification is not None for r in results))
    return Assessment(
        provenance=Provenance(
            tool="paris_check", tool_version=__version__,
            questionnaire=os.path.basename(source_name), questionnaire_sha256=digest,
            rule_packs=ruleset.versions(), rules_sha256=ruleset.digest()),
        institution=institution,
        status=indicative_status(results, facts),
        counts=counts,
        areas=area_scores(results, ruleset),
        results=results,
        unanswered=unanswered,
        packs=[PackInfo(name=p.name, version=p.version, title=p.spec.title, area=p.spec.area,
                        scope=p.spec.profile, description=" ".join(p.spec.description.split()))
               for p in ruleset.packs])
