"""How often the indicative status agrees with the SCA, measured on real decisions.

    .venv/bin/python benchmarks/fidelity.py            # cross-validated figures and tables
    .venv/bin/python benchmarks/fidelity.py --write    # refit on the whole corpus, write the model
    .venv/bin/python benchmarks/fidelity.py --check    # exit 1 if the shipped model is stale
    .venv/bin/python benchmarks/fidelity.py --write-seen  # after a change to the method's form

Every decision in ``questionnaires/sca-decisions`` is assessed once with the bundled rules. The
status method's parameters (``paris_check.scoring``) are then fitted and tested by
leave-one-session-out cross-validation: for each SCA session, the parameters are fitted on the
decisions of all *other* sessions and the status of the left-out session's decisions is
predicted with them. Only these out-of-sample predictions make the headline figures. The model
shipped with the package is the same procedure fitted on the whole corpus. Decisions added
after the method's form was last changed (those not in ``form-seen.txt``) are also reported
apart, as a prospective test.

Fitting, for one training set: for every combination of the weight grid, the concern loads are
computed and a logistic curve P(B | load, not holding A status) is fitted (scikit-learn,
L2-regularised; an unanswered current status takes the training set's share of decisions
without A status); the combination with the best training log-likelihood is kept
(status-only encodings, which record none of the SCA's findings, are left out of the fit but
not of the figures). Then the smallest number of pillar areas ``min_pillars`` (1 to 3) that
maximises the training utility (right 1, insufficient information 0.5, wrong 0) is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paris_check.scoring import StatusModel

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "questionnaires" / "sca-decisions"
MODEL_FILE = ROOT / "src" / "paris_check" / "data" / "status-model.json"
SEEN_FILE = ROOT / "benchmarks" / "form-seen.txt"

GRID = {
    "w_blocker": (1.0, 1.5, 2.0, 3.0),
    "w_minor": (0.0, 0.25, 0.5),
    "effectiveness_factor": (1.0, 1.5, 2.0, 3.0),
}
PILLAR_CHOICES = (1, 2, 3)  # scoring.MIN_PILLARS_FLOOR and up
UTILITY = {"right": 1.0, "insufficient": 0.5, "wrong": 0.0}
LABELS = ("A likely", "B likely", "insufficient information")


@dataclass
class Case:
    """One decision as the fitting sees it: the assessment reduced to what the method reads."""

    id: str
    session: str
    sca_status: str
    origin: str
    worst: dict[str, str]            # area -> most serious core gap severity
    worst_code: dict[str, str]
    decided_pillars: int
    undecided: tuple[str, ...]       # pillar areas with no rule met or a gap
    mandate_known: bool
    basis_known: bool
    not_a: float | None              # scoring.not_a_status: 0 holds A, 1 does not, None unknown
    flagged_gos: set[str]
    cited_gos: set[str]
    cited_complete: bool
    gap_codes: set[str] = field(default_factory=set)
    status_only: bool = False        # the encoding records no SCA finding (see IDENTITY)


# What encoding rule 8 fills in for every decision (docs/sca-corpus.md): identity, founding
# instrument, date of the last review, and the founding mandate as its default (_filled_in).
# A file that answers nothing else records none of the SCA's findings: its sources gave the
# status but not the reasons.
IDENTITY = ("profile.", "establishment.", "accreditation.last_review_year",
            "accreditation.years_since_last_review")


def _filled_in(qid: str, attrs: dict[str, object]) -> bool:
    """Whether an answer is one encoding rule 8 fills in for every decision: an identity or
    founding question, or the founding mandate as the rule's default (``in_law: yes`` and
    nothing on practice). Any other answer records something the SCA said."""
    if qid.startswith(IDENTITY):
        return True
    from paris_check.scoring import MANDATE
    return qid in MANDATE and attrs == {"law": "yes"}


def load_cases(folder: Path = CORPUS) -> list[Case]:
    """Assess every decision once and keep what the method needs."""
    from paris_check import load_questionnaire, load_rules
    from paris_check.assessing import Assessor
    from paris_check.corpus import decisions
    from paris_check.facts import answer_facts
    from paris_check.gos import normalise_cited
    from paris_check.scoring import (
        FOUNDATIONS,
        MANDATE,
        decided_areas,
        not_a_status,
        pillar_areas,
        worst_gaps,
    )
    from paris_check.standards import parent_of

    assessor = Assessor(load_rules())
    out = []
    try:
        for d in decisions(folder):
            q = load_questionnaire(d.path)
            a = assessor.assess(q)
            facts = answer_facts(q)
            core = [r for r in a.results if r.scope == "core"]
            pillars = pillar_areas(core)
            decided = decided_areas(core, pillars)
            gaps = worst_gaps(core)
            worst = {a: str(r.severity) for a, r in gaps.items()}
            worst_code = {a: r.code for a, r in gaps.items()}
            mandate_known = any(facts[q_].state == "answered" for q_ in MANDATE)
            basis_known = facts[FOUNDATIONS[0]].state == "answered"
            flagged = {parent_of(ref) for r in a.results if r.status == "gap"
                       for ref in r.references if ref.startswith("GO-")}
            h = d.header
            out.append(Case(
                id=h.id, session=h.session, sca_status=h.sca_status, origin=h.origin,
                worst=worst, worst_code=worst_code,
                decided_pillars=len(decided),
                undecided=tuple(p for p in pillars if p not in decided),
                mandate_known=mandate_known, basis_known=basis_known,
                not_a=not_a_status(facts), flagged_gos=flagged,
                cited_gos=normalise_cited(h.cited_gos, h.session, h.go_edition),
                cited_complete=h.cited_gos_complete,
                gap_codes={r.code for r in core if r.status == "gap"},
                status_only=all(_filled_in(k, f.attrs) for k, f in facts.items()
                                if f.state == "answered")))
    finally:
        assessor.close()
    return out


def load_of(case: Case, params: dict[str, float]) -> float:
    m = weights_only(params)
    return sum(m.weight(sev, area) for area, sev in case.worst.items())


def predict(case: Case, model: dict[str, float]) -> tuple[str, str, float]:
    """Label, confidence and P(B) of one case under ``model`` (the scoring module's rules)."""
    from paris_check.scoring import StatusModel, decide

    m = StatusModel(**model)  # type: ignore[arg-type]
    load = round(sum(m.weight(s, a) for a, s in case.worst.items()), 4)
    p = m.b_probability(load, case.not_a)
    label, confidence = decide(p, mandate_known=case.mandate_known,
                               basis_known=case.basis_known, decided=case.decided_pillars,
                               model=m,
                               p_open=m.open_b_probability(load, case.undecided, case.not_a))
    return label, confidence, p


def concern_priors(cases: Sequence[Case], params: dict[str, float]
                   ) -> tuple[dict[str, float], dict[str, float]]:
    """Per pillar area: the share of ``cases`` with a weighed concern there, and the mean
    weight of those concerns (rounded; the areas in scoring.PILLARS order)."""
    from paris_check.scoring import PILLARS

    m = weights_only(params)
    rates, weights = {}, {}
    for area in PILLARS:
        ws = [m.weight(c.worst[area], area) for c in cases if area in c.worst]
        ws = [w for w in ws if w > 0]
        rates[area] = round(len(ws) / len(cases), 4) if cases else 0.0
        weights[area] = round(sum(ws) / len(ws), 4) if ws else 0.0
    return rates, weights


def weights_only(params: dict[str, float]) -> StatusModel:
    """A model that only weighs concerns (its curve and priors unset)."""
    from paris_check.scoring import StatusModel

    keys = ("w_blocker", "w_minor", "effectiveness_factor")
    return StatusModel(intercept=0.0, slope=0.0, min_pillars=1,
                       **{k: params[k] for k in keys})  # type: ignore[arg-type]


def outcome(label: str, truth: str) -> str:
    if label == "insufficient information":
        return "insufficient"
    return "right" if label[0] == truth else "wrong"


def fit(cases: Sequence[Case]) -> dict[str, float]:
    """Fit the model's parameters on ``cases`` (see the module docstring).

    Status-only encodings are left out of the fit: their load counts at most the founding
    answers, not the SCA's concerns (nothing of the SCA's text was read), so they say nothing
    about how concerns lead to a B. They are still predicted and counted like the others."""
    import warnings

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    cases = [c for c in cases if not c.status_only]
    y = np.array([c.sca_status == "B" for c in cases], dtype=int)
    known = [c.not_a for c in cases if c.not_a is not None]
    share = round(sum(known) / len(known), 4) if known else 0.0
    best: tuple[float, tuple[float, ...], dict[str, float]] | None = None
    for combo in itertools.product(*GRID.values()):
        params = dict(zip(GRID, combo, strict=True))
        x = np.array([[load_of(c, params), share if c.not_a is None else c.not_a]
                      for c in cases])
        if len(set(y)) < 2:
            raise SystemExit("the training set holds only one status")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lr = LogisticRegression(C=1.0).fit(x, y)
        p = lr.predict_proba(x)[:, 1].clip(1e-9, 1 - 1e-9)
        ll = float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        key = (round(ll, 6), tuple(-v for v in combo))
        if best is None or key > (best[0], best[1]):
            best = (key[0], key[1], {**params, "intercept": round(float(lr.intercept_[0]), 3),
                                      "slope": round(float(lr.coef_[0][0]), 3),
                                      "status_effect": round(float(lr.coef_[0][1]), 3),
                                      "not_a_share": share})
    assert best is not None
    model = best[2]
    rates, weights = concern_priors(cases, model)
    model["concern_rates"], model["concern_weights"] = rates, weights  # type: ignore[assignment]
    from paris_check.scoring import MIN_PILLARS_FLOOR

    assert min(PILLAR_CHOICES) == MIN_PILLARS_FLOOR
    scores = {}
    for k in PILLAR_CHOICES:
        trial = {**model, "min_pillars": k}
        scores[k] = sum(UTILITY[outcome(predict(c, trial)[0], c.sca_status)] for c in cases)
    model["min_pillars"] = max(PILLAR_CHOICES, key=lambda k: (scores[k], -k))
    return model


def cross_validate(cases: Sequence[Case]) -> tuple[dict[str, tuple[str, str, float]],
                                                    dict[str, dict[str, float]]]:
    """Leave-one-session-out predictions, and the model fitted for each left-out session."""
    preds: dict[str, tuple[str, str, float]] = {}
    models: dict[str, dict[str, float]] = {}
    for session in sorted({c.session for c in cases}):
        train = [c for c in cases if c.session != session]
        models[session] = model = fit(train)
        for c in cases:
            if c.session == session:
                preds[c.id] = predict(c, model)
    return preds, models


def pct(n: float, d: float) -> str:
    return f"{100 * n / d:.0f} % ({n:g}/{d:g})" if d else "n/a"


def forced(p_b: float) -> str:
    """The status P(B) alone points to, as if the method never answered "insufficient"."""
    from paris_check.scoring import B_THRESHOLD

    return "B" if p_b >= B_THRESHOLD else "A"


def pct_ci(n: int, d: int) -> str:
    """A share with its 95 % Wilson interval: on a corpus this size the interval is wide."""
    if not d:
        return "n/a"
    from scipy.stats import binomtest

    ci = binomtest(n, d).proportion_ci(confidence_level=0.95, method="wilson")
    return f"{pct(n, d)}, 95 % CI {100 * ci.low:.0f}–{100 * ci.high:.0f} %"


def paired_test(cases: Sequence[Case], labels: dict[str, str]) -> str:
    """The method against the constant 'A likely' on the decisions the method labels.

    Only the discordant decisions differ between the two: a B called "B likely" (the method
    right, the constant wrong) and an A called "B likely" (the reverse). The exact two-sided
    binomial test on them (McNemar's exact test) says how likely a split at least this uneven
    would be if neither were better.
    """
    from scipy.stats import binomtest

    wins = sum(labels[c.id] == LABELS[1] and c.sca_status == "B" for c in cases)
    losses = sum(labels[c.id] == LABELS[1] and c.sca_status == "A" for c in cases)
    if not wins + losses:
        return "no decision on which the two differ"
    p = binomtest(wins, wins + losses).pvalue
    noun = "decision" if wins == 1 else "decisions"
    return (f"{wins} {noun} the method gets right and the constant wrong, {losses} the "
            f"reverse (exact McNemar test, two-sided p = {p:.2g})")


def figures(cases: Sequence[Case], preds: dict[str, tuple[str, str, float]]) -> list[tuple[str, str, str]]:
    """The fidelity table rows: measure, method, constant 'A likely' baseline."""
    n = len(cases)
    labels = {c.id: preds[c.id][0] for c in cases}
    conf = {c.id: preds[c.id][1] for c in cases}
    right = sum(labels[c.id][0] == c.sca_status for c in cases
                if labels[c.id] != "insufficient information")
    decided = [c for c in cases if labels[c.id] != "insufficient information"]
    informed = [c for c in cases if not c.status_only]
    bs = [c for c in cases if c.sca_status == "B"]
    as_ = [c for c in cases if c.sca_status == "A"]
    b_as_a = [c for c in bs if labels[c.id] == "A likely"]
    cited = sum(len(c.cited_gos) for c in cases)
    hit = sum(len(c.cited_gos & c.flagged_gos) for c in cases)
    complete = [c for c in cases if c.cited_complete]
    flagged = sum(len(c.flagged_gos) for c in complete)
    prec_hit = sum(len(c.cited_gos & c.flagged_gos) for c in complete)
    return [
        ("decisions (A / B)", f"{n} ({len(as_)} / {len(bs)})", ""),
        ("status agrees with the SCA (insufficient counted as a miss)", pct(right, n),
         pct(len(as_), n)),
        ("agreement excluding insufficient information", pct_ci(right, len(decided)),
         pct(len(as_), n)),
        ("  the constant on the same decisions (those the method labels)", "—",
         pct(sum(c.sca_status == "A" for c in decided), len(decided))),
        ("  if the method never abstained (P(B) against the threshold alone, every decision)",
         pct(sum(forced(preds[c.id][2]) == c.sca_status for c in cases), n),
         pct(len(as_), n)),
        ("insufficient information", pct_ci(n - len(decided), n), "0 %"),
        ("  of which status-only encodings (sources give no SCA finding)",
         f"{sum(c.status_only for c in cases if labels[c.id] == LABELS[2])} of the "
         f"{sum(c.status_only for c in cases)} status-only", "—"),
        ("  on the decisions with at least one SCA finding encoded",
         pct(sum(labels[c.id] == LABELS[2] for c in informed), len(informed)), "0 %"),
        ("B recall (B decisions called B likely)",
         pct_ci(sum(labels[c.id] == "B likely" for c in bs), len(bs)), pct(0, len(bs))),
        ("B decisions called A likely", f"{len(b_as_a)} of {len(bs)}", f"{len(bs)} of {len(bs)}"),
        ("  of which with confidence above low",
         str(sum(conf[c.id] != "low" for c in b_as_a)), "—"),
        ("A decisions called B likely",
         f"{sum(labels[c.id] == 'B likely' for c in as_)} of {len(as_)}", f"0 of {len(as_)}"),
        ("GO recall (SCA-cited GOs among the flagged ones)", pct(hit, cited), "—"),
        (f"GO precision (flagged GOs the SCA cited; {len(complete)} complete sources)",
         pct(prec_hit, flagged), "—"),
    ]


def confusion(cases: Sequence[Case], preds: dict[str, tuple[str, str, float]]) -> list[str]:
    counts = Counter((c.sca_status, preds[c.id][0]) for c in cases)
    rows = ["| SCA \\ method | " + " | ".join(LABELS) + " |", "|---|---|---|---|"]
    for s in ("A", "B"):
        rows.append(f"| {s} | " + " | ".join(str(counts[(s, lab)]) for lab in LABELS) + " |")
    return rows


def calibration(cases: Sequence[Case], preds: dict[str, tuple[str, str, float]]) -> list[str]:
    rows = ["| confidence | labels given (A / B likely) | right |", "|---|---|---|"]
    for level in ("high", "medium", "low"):
        sel = [c for c in cases if preds[c.id][1] == level
               and preds[c.id][0] != "insufficient information"]
        n_a = sum(preds[c.id][0] == "A likely" for c in sel)
        good = sum(preds[c.id][0][0] == c.sca_status for c in sel)
        rows.append(f"| {level} | {len(sel)} ({n_a} / {len(sel) - n_a}) | {pct(good, len(sel))} |")
    return rows


def rule_table(cases: Sequence[Case]) -> list[str]:
    """How often each core rule's gap appears in A and in B decisions (all decisions)."""
    from paris_check import load_rules

    sev = {r.code: r.spec.severity for p in load_rules().packs for r in p.rules}
    counts: dict[str, list[int]] = {}
    for c in cases:
        for code in c.gap_codes:
            counts.setdefault(code, [0, 0])[c.sca_status == "B"] += 1
    rows = ["| rule | severity | gap in A decisions | gap in B decisions |", "|---|---|---|---|"]
    for code in sorted(counts, key=lambda k: (-sum(counts[k]), k)):
        a, b = counts[code]
        rows.append(f"| {code} | {sev.get(code, '?')} | {a} | {b} |")
    return rows


def _seen_file() -> tuple[list[str], set[str]]:
    """``SEEN_FILE`` read once: its comment lines and its decision IDs."""
    lines = [ln.strip() for ln in SEEN_FILE.read_text("utf-8").splitlines() if ln.strip()]
    return ([ln for ln in lines if ln.startswith("#")],
            {ln for ln in lines if not ln.startswith("#")})


def seen_ids() -> set[str]:
    """The decisions in the corpus when the method's form was last changed (``SEEN_FILE``)."""
    return _seen_file()[1]


def seen_document(cases: Sequence[Case]) -> str:
    """``SEEN_FILE`` listing every decision of ``cases``: written when the form changes."""
    return "\n".join(_seen_file()[0] + sorted(c.id for c in cases)) + "\n"


def table(rows: Iterable[tuple[str, str, str]]) -> list[str]:
    out = ["| measure | method (cross-validated) | constant \"A likely\" |", "|---|---|---|"]
    out += [f"| {m} | {v} | {b} |" for m, v, b in rows]
    return out


def report_lines(cases: Sequence[Case], with_rules: bool = False) -> list[str]:
    """The published figures, as Markdown (the script prints them; the docs include them)."""
    preds, models = cross_validate(cases)
    out = [f"Fidelity on {len(cases)} SCA decisions from {len({c.session for c in cases})} "
           "sessions (leave-one-session-out cross-validation).", ""]
    out += table(figures(cases, preds))
    out += ["", "Against the constant, decision by decision: "
            + paired_test(cases, {c.id: preds[c.id][0] for c in cases}) + "."]
    out += ["", "Confusion matrix (cross-validated):", "", *confusion(cases, preds)]
    out += ["", "Confidence against agreement (cross-validated):", ""]
    out += calibration(cases, preds)
    new = [c for c in cases if c.origin != "calibration"]
    if len(new) != len(cases) and new:
        out += ["", f"Without the {len(cases) - len(new)} calibration cases (same "
                "cross-validated predictions):", "", *table(figures(new, preds))]
    seen = seen_ids()
    later = [c for c in cases if c.id not in seen]
    if later:
        n_b = sum(c.sca_status == "B" for c in later)
        out += ["", f"Prospective test: the {len(later)} decisions ({n_b} B) added to the corpus "
                "after the method's form was last changed (same cross-validated predictions; a "
                "small sample, so read the counts):", "", *table(figures(later, preds))]
    shipped = json.loads(MODEL_FILE.read_text("utf-8"))["parameters"]
    ins = {c.id: predict(c, shipped)[0] for c in cases}
    right = sum(ins[c.id][0] == c.sca_status for c in cases
                if ins[c.id] != "insufficient information")
    out += ["", "In-sample, for reference only (the shipped model on the decisions it was "
            f"fitted on): {pct(right, len(cases))} agreement."]
    keys = ("w_blocker", "w_minor", "effectiveness_factor", "intercept", "slope",
            "status_effect", "not_a_share", "min_pillars")
    out += ["", "Parameters chosen across the folds: " + "; ".join(
        f"{k} {', '.join(f'{v:g}' for v in sorted({m[k] for m in models.values()}))}"
        for k in keys) + ".",
        "", "Shipped (fitted on the whole corpus): " + ", ".join(
            f"{k} {shipped[k]:g}" for k in keys) + "."]
    if with_rules:
        out += ["", "Gaps per rule in A and B decisions (all decisions):", "", *rule_table(cases)]
    misses = [c for c in cases if outcome(preds[c.id][0], c.sca_status) == "wrong"]
    out += ["", "Misses (cross-validated): " + (", ".join(
        f"{c.id} (SCA {c.sca_status}, P(B) {preds[c.id][2]:.2f})" for c in misses) or "none")
        + "."]
    return out


def miss_reason(case: Case, pred: tuple[str, str, float]) -> str:
    """Why the method and the SCA disagree on ``case``, in terms of what the encoding holds."""
    label, confidence, p = pred
    concerns = ", ".join(f"{a} {c}" for a, c in sorted(case.worst_code.items())) or "none"
    if label == "insufficient information":
        from paris_check.scoring import PILLARS

        short = ("the mandate is not described" if not case.mandate_known else
                 f"the sources decide {case.decided_pillars} of the {len(PILLARS)} pillar areas "
                 "(the guarantees of independence and effectiveness), too few for A likely")
        return f"insufficient information: {short}; concerns encoded: {concerns}"
    held = {0.0: "held A before the review", 1.0: "did not hold A before the review",
            None: "current status not encoded"}[case.not_a]
    if case.sca_status == "B":
        return (f"SCA B, method A likely (P(B) {p:.2f}, {confidence}; {held}): the encoded "
                f"concerns ({concerns}) weigh no more than those of many A decisions; the SCA's "
                "reasons for the B are not all in the available sources or not expressible")
    return (f"SCA A, method B likely (P(B) {p:.2f}, {confidence}; {held}): concerns in "
            f"{len(case.worst_code)} areas ({concerns}); the SCA treated them as "
            "recommendations, not as grounds for a B")


def misses_document(cases: Sequence[Case]) -> str:
    """tests/corpus_misses.yaml: every decision the cross-validated method does not agree with."""
    preds, _ = cross_validate(cases)
    lines = ["# Decisions on which the cross-validated status does not agree with the SCA, with",
             "# the reason. tests/test_corpus.py runs each as a strict xfail. Generated by",
             "# benchmarks/fidelity.py --write-misses from the current corpus and method; review",
             "# the reasons after regenerating. Encodings are never changed to remove a miss.", ""]
    for c in cases:
        if outcome(preds[c.id][0], c.sca_status) != "right":
            lines.append(f"{c.id}: {json.dumps(miss_reason(c, preds[c.id]))}")
    return "\n".join(lines) + "\n"


def corpus_digest(folder: Path = CORPUS) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("*.yaml")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def model_document(cases: Sequence[Case]) -> str:
    """The JSON text of the model fitted on the whole corpus."""
    model = fit(cases)
    doc = {
        "note": "Generated by benchmarks/fidelity.py --write; do not edit.",
        "fitted_on": {"decisions": len(cases),
                      "b_decisions": sum(c.sca_status == "B" for c in cases),
                      "sessions": len({c.session for c in cases}),
                      "corpus_sha256": corpus_digest()},
        "parameters": {k: model[k] for k in ("w_blocker", "w_minor", "effectiveness_factor",
                                             "intercept", "slope", "status_effect",
                                             "not_a_share", "min_pillars",
                                             "concern_rates", "concern_weights")},
    }
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="refit on the whole corpus and write "
                    f"{MODEL_FILE.relative_to(ROOT)}")
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped model is stale")
    ap.add_argument("--rules", action="store_true", help="also print the per-rule table")
    ap.add_argument("--write-seen", action="store_true",
                    help=f"rewrite {SEEN_FILE.relative_to(ROOT)} with every decision in the "
                    "corpus (only when the method's form changes)")
    ap.add_argument("--write-misses", action="store_true",
                    help="write tests/corpus_misses.yaml (the documented misses)")
    args = ap.parse_args(argv)
    cases = load_cases()
    if args.write_seen:
        SEEN_FILE.write_text(seen_document(cases), "utf-8")
        print(f"wrote {SEEN_FILE.relative_to(ROOT)}")
        return 0
    if args.write_misses:
        (ROOT / "tests" / "corpus_misses.yaml").write_text(misses_document(cases), "utf-8")
        print("wrote tests/corpus_misses.yaml")
        return 0
    if args.write or args.check:
        text = model_document(cases)
        if args.check:
            stale = MODEL_FILE.read_text("utf-8") != text
            print(f"{MODEL_FILE.relative_to(ROOT)}: " + ("stale" if stale else "up to date"))
            return 1 if stale else 0
        MODEL_FILE.write_text(text, "utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}")
        return 0
    print("\n".join(report_lines(cases, with_rules=args.rules)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
