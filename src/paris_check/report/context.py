"""Build the (localised) data the report templates display, from an :class:`Assessment`.

Templates only lay out; every text decision (translation, ordering, wording of the indicative
status reasons) is made here so that HTML, PDF and Markdown say the same thing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from ..citations import Citation, cite, cite_all, cite_text
from ..compare import Diff
from ..facts import answer_facts
from ..i18n import N_ as _  # marks words for extraction; translated at the edge
from ..i18n import Translator, norm
from ..justify import overdue
from ..questionnaire.catalogue import questions, sections
from ..questionnaire.model import Questionnaire
from ..results import AnswerView, Assessment, RuleResult
from ..scoring import DISCLAIMER, METHOD, WEIGHTS
from ..standards import instruments, parent_of, standards
from ..vocabulary import Audience, Outcome
from ..wording import (
    ASPECT_WORDS,
    CONFIDENCE_WORDS,
    LABEL_WORDS,
    RULE_CONFIDENCE_WORDS,
    SEVERITY_WORDS,
    STATUS_SHORT,
    STATUS_WORDS,
    Wording,
    ngettext,
)

SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2, "advisory": 3}
STATUS_ORDER = {"gap": 0, "unknown": 1, "met": 2, "not_applicable": 3}
TOP_GAPS = 5  # gaps in the executive summary
NEXT_QUESTIONS = 5  # questions "to answer next" in the executive summary
_FR_SPACE_BEFORE = re.compile(r"(?<=\S) ([:;!?»])")
_FR_SPACE_AFTER = re.compile(r"« ")


def french_typography(text: str) -> str:
    """The spaces before ``: ; ! ? »`` and after ``«`` made no-break, so that no line starts
    with them (text without such a space is left as written)."""
    if not text or not any(ch in text for ch in ":;!?«»"):
        return text
    text = _FR_SPACE_BEFORE.sub("\u00a0\\1", text)
    return _FR_SPACE_AFTER.sub("«\u00a0", text)


class ReportTranslator(Translator):
    """A :class:`Translator` whose every output follows the language's typography."""

    def __init__(self, lang: str = "en"):
        super().__init__(lang)
        self._typo = french_typography if lang.split("-")[0] == "fr" else None

    def _t(self, text: str) -> str:
        return self._typo(text) if self._typo and text else text

    def gettext(self, msgid: str) -> str:
        return self._t(super().gettext(msgid))

    def pgettext(self, context: str, msgid: str) -> str:
        return self._t(super().pgettext(context, msgid))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t(super().ngettext(singular, plural, n))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._t(super().npgettext(context, singular, plural, n))

    def rule(self, code: str, field: str, english: str | None) -> str:
        return self._t(super().rule(code, field, english))

    def question(self, qid: str, field: str, english: str) -> str:
        return self._t(super().question(qid, field, english))

    def standard(self, ref: str, field: str, english: str | None) -> str:
        return self._t(super().standard(ref, field, english))


VERIFICATION_WORDS = {
    "verified": _("wording verified against the source"),
    "sca-practice": _("drawn from SCA practice"),
    "interpretation": _("our interpretation"),
    "unverified": _("wording not verified"),
}
DIRECTION_WORDS = {"better": _("better"), "worse": _("worse"), "same": _("unchanged"),
                   "unclear": _("not comparable")}
REC_STATUS_WORDS = {"implemented": _("implemented"),
                    "partly_implemented": _("partly implemented"),
                    "not_implemented": _("not implemented"),
                    "no_longer_relevant": _("no longer relevant"), "unknown": _("unknown")}
REC_CHANGE_WORDS = {"progressed": _("progress"), "regressed": _("went back"),
                    "unchanged": _("no change"), "now_unknown": _("now unknown"),
                    "now_known": _("status now given"), "added": _("new in this self-check"),
                    "dropped": _("no longer listed")}
PROGRESS_KINDS = (
    ("gap_closed", _("Gaps closed")),
    ("new_gap", _("New gaps")),
    ("regression", _("Regressions")),
    ("now_unknown", _("No longer decidable (answers missing or unknown)")),
    ("now_met", _("Now met")),
    ("other", _("Other changes")),
)


@dataclass
class RuleView:
    """One requirement as the report shows it."""

    r: RuleResult
    title: str
    finding: str | None
    recommendation: str | None
    rationale: str | None
    reason: str | None
    because: list[str]
    to_pass: list[str]
    answers: list[dict[str, Any]]
    aspects: str
    related: bool
    status_word: str
    severity_word: str
    confidence_word: str
    area_title: str = ""
    references: list[dict[str, str]] = field(default_factory=list)
    colon: str = ": "
    justification: dict[str, Any] | None = None
    cites: list[Citation] = field(default_factory=list)
    cite_text: str = ""
    reason_detail: str | None = None  # the reason without its lead ("Does not apply")

    @property
    def answers_line(self) -> str:
        """The given answers on one line: the bare answer when there is one, else labelled."""
        given = [a for a in self.answers if a["state"] != "missing"]
        if len(given) == 1:
            return str(given[0]["answer"])
        return " · ".join(f"{a['label']}{self.colon}{a['answer']}" for a in given)

    @property
    def why(self) -> str | None:
        """The first sentence of the rationale: why the requirement matters, in one line."""
        return first_sentence(self.rationale) if self.rationale else None


def first_sentence(text: str) -> str:
    """Up to the first full stop (``.``, ``!``, ``?``, ``؟``) followed by a space, or the whole
    text."""
    for i, ch in enumerate(text[:-1]):
        if ch in ".!?؟" and text[i + 1].isspace():
            return text[:i + 1]
    return text


def _ref_view(ref: str, tr: Translator) -> dict[str, str]:
    std = standards().get(ref) or standards().get(parent_of(ref))
    return {"id": ref, "cite": cite(ref, tr).text,
            "title": tr.standard(std.id, "title", std.title) if std else ""}


def _answer_views(answers: list[AnswerView], words: Wording, notes: dict[str, str],
                  title: str = "") -> list[dict[str, Any]]:
    """The answers a requirement was decided on. ``restates``: the question says what the
    requirement's ``title`` (English) says, so a gap entry may give the answer alone."""
    tr = words.tr
    return [{"qid": a.question, "label": tr.question(a.question, "label", a.label),
             "answer": words.answer(a), "state": a.state, "evidence": a.evidence,
             "note": notes.get(a.question), "restates": _restates(a.label, title)}
            for a in answers]


def _restates(label: str, title: str) -> bool:
    """Whether a question ``label`` is (nearly) the requirement ``title`` in other words."""
    from difflib import SequenceMatcher

    return bool(title) and SequenceMatcher(None, label.lower(), title.lower()).ratio() >= 0.75


def _notes(q: Questionnaire | None) -> dict[str, str]:
    if q is None:
        return {}
    out = {}
    for qid, question in questions().items():
        section = getattr(q, question.section, None)
        ans = getattr(section, question.name, None) if section is not None else None
        note = getattr(ans, "note", None)
        if note:
            out[qid] = note
    return out


def _justification_view(r: RuleResult, tr: Translator,
                        today: datetime.date) -> dict[str, Any] | None:
    """A recorded justification as the report shows it, with its state on ``today``."""
    j = r.justification
    if j is None:
        return None
    g = tr.gettext
    meta = []
    if j.by:
        meta.append(j.by)
    if j.date:
        meta.append(g("recorded %(date)s") % {"date": j.date})
    if j.until:
        meta.append(g("review by %(date)s") % {"date": j.until})
    return {"text": j.text, "meta": tr.pgettext("punctuation", "; ").join(meta),
            "overdue": overdue(j.until, today), "until": j.until}


def build_context(a: Assessment, tr: Translator, q: Questionnaire | None,
                  progress: Diff | None = None,
                  today: datetime.date | None = None) -> dict[str, Any]:
    """Everything the templates display (``progress``: the comparison with an earlier run;
    ``today``: the day against which justifications' review dates are checked).

    The body states each requirement once: gaps in full (by area, most serious first), met
    and not-applicable requirements as lists, undecided ones through the questions that would
    decide them (``checklist``). ``answers_given``, ``references`` and the method are the
    annexes' material.
    """
    today = today or datetime.date.today()
    words = Wording(tr, Audience.REPORT)
    g = tr.gettext
    notes = _notes(q)
    area_titles = words.area_titles(a)

    def view(r: RuleResult) -> RuleView:
        return RuleView(
            r=r, title=tr.rule(r.code, "title", r.title),
            finding=tr.rule(r.code, "finding", r.finding) if r.finding else None,
            recommendation=(tr.rule(r.code, "recommendation", r.recommendation)
                            if r.recommendation else None),
            rationale=tr.rule(r.code, "rationale", r.rationale) if r.rationale else None,
            reason=words.reason(r), reason_detail=words.reason_detail(r),
            because=words.because(r), to_pass=words.to_pass(r),
            answers=_answer_views(r.answers, words, notes, r.title),
            aspects=(" " + g("and") + " ").join(g(ASPECT_WORDS[x]) for x in r.aspects),
            related=not _core(r),
            status_word=g(STATUS_WORDS[r.status]), severity_word=g(SEVERITY_WORDS[r.severity]),
            confidence_word=g(RULE_CONFIDENCE_WORDS.get(r.confidence, r.confidence)),
            area_title=area_titles.get(r.area, r.area),
            references=[_ref_view(x, tr) for x in r.references], colon=words.colon,
            justification=_justification_view(r, tr, today),
            cites=cite_all(r.references, tr), cite_text=cite_text(r.references, tr))

    views = {r.code: view(r) for r in a.results}
    gaps = [views[r.code] for r in a.gaps()]
    unknowns = sorted((views[r.code] for r in a.results if r.status == "unknown"),
                      key=lambda v: (SEVERITY_ORDER[v.r.severity], v.r.code))
    areas = []
    for s in a.areas:
        rules = sorted((views[r.code] for r in a.results if r.area == s.area),
                       key=lambda v: (STATUS_ORDER[v.r.status], SEVERITY_ORDER[v.r.severity],
                                      v.r.code))
        areas.append({"id": s.area, "title": area_titles[s.area], "score": s.score,
                      "coverage": s.coverage, "met": s.met, "gaps": s.gaps,
                      "unknown": s.unknown, "not_applicable": s.not_applicable,
                      "description": _pack_description(a, s.area, tr), "rules": rules,
                      "gap_rules": [v for v in rules if v.r.status == "gap"],
                      "met_rules": sorted((v for v in rules if v.r.status == "met"),
                                          key=lambda v: v.r.code),
                      "na_groups": _by_reason(v for v in rules
                                              if v.r.status == "not_applicable"),
                      "related": bool(rules) and not any(_core(v.r) for v in rules)})
    areas.sort(key=_area_order)
    gap_areas = sorted((x for x in areas if x["gap_rules"]), key=lambda x: (
        x["related"], SEVERITY_ORDER[x["gap_rules"][0].r.severity], areas.index(x)))
    inst = a.institution
    name = inst.name or g("Unnamed institution")
    display_name = f"{name} ({inst.acronym})" if inst.acronym and inst.acronym != name else name
    cited = sorted({x for r in a.results for x in r.references}, key=_ref_sort_key)
    citing: dict[str, list[str]] = {}
    for r in a.results:
        for x in r.references:
            citing.setdefault(x, []).append(r.code)
    refs = [_reference_entry(x, tr) | {"cited_by": [f"{c} {views[c].title}"
                                                    for c in citing.get(x, [])]}
            for x in cited]
    checklist = _checklist(a, views, tr)
    return {
        "lang": tr.lang, "dir": tr.dir, "colon": words.colon, "semicolon": words.semicolon,
        "comma": words.comma,
        "a": a, "inst": inst, "name": name, "display_name": display_name,
        "status_label": g(LABEL_WORDS[a.status.label]), "status_key": a.status.label,
        "confidence": g(CONFIDENCE_WORDS[a.status.confidence]),
        "reasons": words.status_reasons(a.status, {c: v.title for c, v in views.items()},
                                        area_titles),
        "disclaimer": g(norm(DISCLAIMER)), "method": g(norm(METHOD)),
        "weights": [(g(SEVERITY_WORDS[s]), w) for s, w in WEIGHTS.items()],
        "counts": a.counts, "count_words": _count_words(a, tr),
        "gaps": gaps, "top_gaps": [v for v in gaps if _core(v.r)][:TOP_GAPS],
        "unknowns": unknowns,
        "justified": sum(1 for v in gaps if v.justification),
        "overdue": sum(1 for v in gaps if v.justification and v.justification["overdue"]),
        "areas": areas, "gap_areas": gap_areas,
        "met_areas": [x for x in areas if x["met_rules"]],
        "not_applicable": _not_applicable(a, views, areas, tr),
        "checklist": checklist, "next_questions": _next_questions(checklist, a),
        "unanswered": [_question_view(qid, tr) for qid in a.unanswered],
        "answers_given": _answers_given(q, words, notes) if q is not None else [],
        "references": refs,
        "reference_groups": _reference_groups(refs),
        "severity_words": {k: g(v) for k, v in SEVERITY_WORDS.items()},
        "status_words": {k: g(v) for k, v in STATUS_WORDS.items()},
        "status_short": {k: g(v) for k, v in STATUS_SHORT.items()},
        "packs": sorted(a.provenance.rule_packs.items()),
        "provenance": _provenance(a, tr),
        "progress": (_progress(progress, tr, area_titles, [x["id"] for x in areas],
                               {c: v.title for c, v in views.items()})
                     if progress is not None else None),
    }


def _count_words(a: Assessment, tr: Translator) -> dict[str, str]:
    """The four counts with their noun, in the right number: "1 gap", "146 requirements met"."""
    c = a.counts
    return {
        "met": ngettext(tr, "%(num)s requirement met", "%(num)s requirements met", c.met),
        "gaps": ngettext(tr, "%(num)s gap", "%(num)s gaps", c.gaps),
        "unknown": ngettext(tr, "%(num)s requirement not decided",
                            "%(num)s requirements not decided", c.unknown),
        "not_applicable": ngettext(tr, "%(num)s requirement not applicable",
                                   "%(num)s requirements not applicable", c.not_applicable),
    }


def _question_states(a: Assessment) -> dict[str, str]:
    """``missing`` or ``unknown`` for every question some undecided requirement needs."""
    out: dict[str, str] = {}
    for r in a.results:
        for x in r.answers:
            if x.state in ("missing", "unknown"):
                out.setdefault(x.question, str(x.state))
    for qid in a.unanswered:
        out[qid] = "missing"
    return out


def _checklist(a: Assessment, views: dict[str, RuleView], tr: Translator) -> dict[str, Any]:
    """The questions the SCA will ask about: one entry per question, by questionnaire section.

    Each entry: the question, whether it is unanswered or answered "unknown", why it matters
    (the first sentence of the rationale of the most serious requirement it decides) and the
    undecided requirements it decides. Undecided requirements that no question explains are
    listed apart (``other``), so none is left out.
    """
    qs = questions()
    states = _question_states(a)
    decides: dict[str, list[RuleView]] = {}
    explained: set[str] = set()
    for r in a.results:
        if r.status != "unknown":
            continue
        qids = list(r.explanation.questions)
        qids += [x.question for x in r.answers if x.state in ("missing", "unknown")]
        for qid in dict.fromkeys(qids):
            if qid in qs:
                decides.setdefault(qid, []).append(views[r.code])
                explained.add(r.code)
    g = tr.gettext
    state_words = {"missing": g("unanswered"), "unknown": g("answered “unknown”")}
    groups = []
    for s in sections():
        items = []
        for question in s.questions:
            rules = decides.get(question.id)
            if not rules:
                continue
            rules = sorted(rules, key=lambda v: (SEVERITY_ORDER[v.r.severity], v.r.code))
            worst = rules[0]
            items.append({
                "qid": question.id, "label": tr.question(question.id, "label", question.label),
                "state": states.get(question.id, "missing"),
                "state_word": state_words[states.get(question.id, "missing")],
                "severity": worst.r.severity, "severity_word": worst.severity_word,
                "why": worst.why, "rules": rules, "order": len(groups) * 1000 + len(items)})
        if items:
            groups.append({"id": s.id, "title": tr.question("section:" + s.id, "title",
                                                            s.title), "items": items})
    other = sorted((v for v in views.values()
                    if v.r.status == "unknown" and v.r.code not in explained),
                   key=lambda v: (SEVERITY_ORDER[v.r.severity], v.r.code))
    listed = {i["qid"] for grp in groups for i in grp["items"]}
    idle = [tr.question(qid, "label", qs[qid].label) for qid in a.unanswered
            if qid in qs and qid not in listed]
    return {"groups": groups, "other": other, "idle": idle,
            "count": sum(len(grp["items"]) for grp in groups)}


def _next_questions(checklist: dict[str, Any], a: Assessment) -> list[dict[str, Any]]:
    """The questions to answer first: those the status needs, then by the most serious
    requirement they decide and how many they decide."""
    first = list(a.status.to_answer)
    items = [i for grp in checklist["groups"] for i in grp["items"]]
    items.sort(key=lambda i: (i["qid"] not in first, SEVERITY_ORDER[i["severity"]],
                              -len(i["rules"]), i["order"]))
    return items[:NEXT_QUESTIONS]


def _not_applicable(a: Assessment, views: dict[str, RuleView], areas: list[dict[str, Any]],
                    tr: Translator) -> dict[str, Any]:
    """Not-applicable requirements: a whole area that does not apply as one line (``areas``),
    the others grouped by reason (``groups``)."""
    whole, rest = [], []
    for area in areas:
        na = [v for v in area["rules"] if v.r.status == "not_applicable"]
        if not na:
            continue
        reasons = {v.reason for v in na}
        if len(na) == len(area["rules"]) and len(reasons) == 1:
            whole.append({"title": area["title"], "reason": _na_reason(na[0]),
                          "count": ngettext(tr, "%(num)s requirement", "%(num)s requirements",
                                            len(na)),
                          "related": area["related"]})
        else:
            rest.extend(na)
    groups = [{"reason": _na_reason(grp["rules"][0]), "rules": grp["rules"]}
              for grp in _by_reason(rest)]
    return {"areas": whole, "groups": groups,
            "total": sum(1 for v in views.values() if v.r.status == "not_applicable")}


def _na_reason(v: RuleView) -> str | None:
    """A not-applicable reason without its "Does not apply:" lead (the heading says so); a
    declaration by the institution keeps its lead."""
    if v.r.explanation.kind is Outcome.DOES_NOT_APPLY:
        return v.reason_detail
    return v.reason


def _provenance(a: Assessment, tr: Translator) -> dict[str, Any]:
    """What the report was made from: file, fingerprint, tool and rule pack versions."""
    p = a.provenance
    versions = sorted(set(p.rule_packs.values()))
    names = ", ".join(sorted(p.rule_packs))
    if len(versions) == 1:
        packs = ngettext(tr, "%(num)s rule pack, version %(version)s",
                         "%(num)s rule packs, version %(version)s", len(p.rule_packs),
                         version=versions[0]) + f" ({names})"
    else:
        packs = ", ".join(f"{n} {v}" for n, v in sorted(p.rule_packs.items()))
    return {"file": p.questionnaire, "sha256": p.questionnaire_sha256,
            "tool": f"{p.tool} {p.tool_version}", "packs": packs}


def _shown_delta(old: float | None, new: float | None) -> str:
    """The change in points between the two scores as printed (whole percent): ``+9``, ``0``."""
    if old is None or new is None:
        return "–"
    delta = int(f"{new:.0f}") - int(f"{old:.0f}")
    return f"{delta:+d}" if delta else "0"


def _status_word(status: str | None, g: Any) -> str:
    return g("not assessed") if status is None else g(STATUS_SHORT[status])


def _progress(d: Diff, tr: Translator, area_titles: dict[str, str],
              order: list[str], titles: dict[str, str]) -> dict[str, Any]:
    """The comparison with the previous self-check, in the report language (``titles``: the
    requirements' titles by code, so that no code stands alone)."""
    g = tr.gettext
    s = d.status

    def change(c: Any) -> dict[str, Any]:
        sev = c.new_severity or c.old_severity or "advisory"
        extra = []
        if c.old_status == c.new_status == "gap":
            if c.old_severity != c.new_severity:
                extra.append(g("severity raised from %(old)s to %(new)s") % {
                    "old": g(SEVERITY_WORDS[c.old_severity]),
                    "new": g(SEVERITY_WORDS[c.new_severity])})
            widened = [x for x in c.new_aspects if x not in c.old_aspects]
            if widened:
                extra.append(g("now also a gap %(where)s") % {
                    "where": (" " + g("and") + " ").join(g(ASPECT_WORDS[x]) for x in widened)})
        return {"code": c.code, "title": tr.rule(c.code, "title", c.title), "severity": sev,
                "severity_word": g(SEVERITY_WORDS[sev]),
                "old": _status_word(c.old_status, g), "new": _status_word(c.new_status, g),
                "extra": tr.pgettext("punctuation", "; ").join(extra)}

    groups = []
    for kind, title in PROGRESS_KINDS:
        items = [change(c) for c in d.of_kind(kind)]  # type: ignore[arg-type]
        if items:
            groups.append({"kind": kind, "title": g(title), "items": items})
    recs = None
    if d.recommendations is not None:
        recs = [{"id": r.id, "text": r.text, "action": r.action, "change_key": r.change,
                 "old": g(REC_STATUS_WORDS[r.old_status]) if r.old_status else "–",
                 "new": g(REC_STATUS_WORDS[r.new_status]) if r.new_status else "–",
                 "change": g(REC_CHANGE_WORDS[r.change])} for r in d.recommendations]
    return {
        "old_file": d.old.questionnaire, "old_year": d.old.assessment_year,
        "new_file": d.new.questionnaire, "new_year": d.new.assessment_year,
        "rules_changed": d.rules_changed,
        "status_changed": s.changed,
        "old_label": g(LABEL_WORDS[s.old_label]), "new_label": g(LABEL_WORDS[s.new_label]),
        "old_confidence": g(CONFIDENCE_WORDS[s.old_confidence]),
        "new_confidence": g(CONFIDENCE_WORDS[s.new_confidence]),
        "direction": g(DIRECTION_WORDS[s.direction]), "direction_key": s.direction,
        "counts": [(g(STATUS_SHORT["met"]), d.counts["old"]["met"], d.counts["new"]["met"]),
                   (g("Gaps"), d.counts["old"]["gaps"], d.counts["new"]["gaps"]),
                   (g(STATUS_SHORT["unknown"]), d.counts["old"]["unknown"],
                    d.counts["new"]["unknown"]),
                   (g(STATUS_SHORT["not_applicable"]), d.counts["old"]["not_applicable"],
                    d.counts["new"]["not_applicable"])],
        "areas": [{"title": area_titles.get(x.area, x.title), "old": x.old_score,
                   "new": x.new_score, "delta": _shown_delta(x.old_score, x.new_score),
                   "old_gaps": x.old_gaps,
                   "new_gaps": x.new_gaps}
                  for x in sorted(d.areas, key=lambda x: (
                      order.index(x.area) if x.area in order else len(order)))],
        "groups": groups, "no_change": not d.changes,
        "remaining_gaps": [f"{code} {titles[code]}" if code in titles else code
                           for code in d.remaining_gaps],
        "recommendations": recs,
    }


def _area_order(area: dict[str, Any]) -> tuple[int, int]:
    """Questionnaire order (establishment, mandate, powers...); related standards last."""
    ids = [s.id for s in sections()]
    key = str(area["id"]).replace("-", "_")
    return (1 if area["related"] else 0, ids.index(key) if key in ids else len(ids))


def _pack_description(a: Assessment, area: str, tr: Translator) -> str | None:
    """The description of the (first) pack of ``area``, as the assessment's packs give it."""
    pack = next((p for p in a.packs if p.area == area), None)
    if pack is None or not pack.description:
        return None
    return tr.rule("pack:" + pack.name, "description", pack.description)


def _ref_sort_key(ref: str) -> tuple[int, list[Any]]:
    order = list(standards())
    pos = order.index(ref) if ref in order else len(order)
    return pos, [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", ref)]


def _reference_entry(ref: str, tr: Translator) -> dict[str, Any]:
    std = standards().get(ref)
    if std is None:
        return {"id": ref, "cite": cite(ref, tr).text, "instrument": "", "title": "",
                "summary": "", "verification": ""}
    inst = instruments().get(std.instrument, {})
    inst_title = inst.get("title")
    return {"id": ref, "cite": cite(ref, tr).text,
            "instrument": (tr.standard("instrument:" + std.instrument, "title", inst_title)
                           if inst_title else std.instrument),
            "title": tr.standard(ref, "title", std.title),
            "summary": tr.standard(ref, "summary", std.summary),
            "verification": tr.gettext(VERIFICATION_WORDS.get(std.verification,
                                                              std.verification)),
            "note": tr.standard(ref, "note", std.note) if std.note else None}


def _by_reason(views: Any) -> list[dict[str, Any]]:
    """Requirements grouped by their (identical) reason, in first-seen order."""
    groups: dict[str, list[RuleView]] = {}
    for v in views:
        groups.setdefault(v.reason or "", []).append(v)
    return [{"reason": reason, "rules": rules} for reason, rules in groups.items()]


def _reference_groups(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The references annex, one group per instrument (in catalogue order)."""
    groups: list[dict[str, Any]] = []
    for e in entries:
        if not groups or groups[-1]["instrument"] != e["instrument"]:
            groups.append({"instrument": e["instrument"], "refs": []})
        groups[-1]["refs"].append(e)
    return groups


def _question_view(qid: str, tr: Translator) -> dict[str, str]:
    q = questions()[qid]
    section = next(s for s in sections() if s.id == q.section)
    return {"qid": qid, "label": tr.question(qid, "label", q.label),
            "help": tr.question(qid, "help", norm(q.help)),
            "section": tr.question("section:" + section.id, "title", section.title)}


def _answers_given(q: Questionnaire, words: Wording,
                   notes: dict[str, str]) -> list[dict[str, Any]]:
    tr = words.tr
    facts = answer_facts(q)
    out = []
    for s in sections():
        rows = []
        for question in s.questions:
            f = facts[question.id]
            rows.append({"qid": question.id,
                         "label": tr.question(question.id, "label", question.label),
                         "state": f.state, "answer": words.answer(f),
                         "evidence": list(f.evidence), "note": notes.get(question.id)})
        out.append({"id": s.id, "title": tr.question("section:" + s.id, "title", s.title),
                    "rows": rows})
    return out


def _core(r: RuleResult) -> bool:
    """Whether a rule counts for the indicative status (core packs)."""
    return getattr(r, "scope", "core") == "core"
