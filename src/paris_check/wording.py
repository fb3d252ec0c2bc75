"""Words for results: explanations, answers and status reasons, in any language, for any audience.

The result JSON holds data (:class:`~paris_check.results.Explanation`,
:class:`~paris_check.results.StatusReason`); this module is the one place that turns it into
sentences, through the gettext catalogues (``report.po``). The audience decides how questions
are named: the report gives their labels; the terminal and the documentation add the question
ID (``Label (selection.vacancies_advertised)``), which a user types or looks up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .facts import AnswerFact
from .i18n import N_ as _  # marks words for extraction; translated at the edge
from .i18n import Translator
from .questionnaire.catalogue import questions
from .vocabulary import Aspect, Audience, Operator, Outcome, ReasonCode, StatusLabel

if TYPE_CHECKING:
    from .results import (
        AnswerView,
        Assessment,
        Condition,
        IndicativeStatus,
        Remedy,
        RuleResult,
        StatusReason,
        TestRecord,
    )

SUMMARY_CONCERNS = 3  # concerns named in a status reason; the others are counted


STATUS_WORDS = {
    "met": _("Met"),
    "gap": _("Gap"),
    "unknown": _("Unknown (not enough information)"),
    "not_applicable": _("Not applicable"),
}
STATUS_SHORT = {"met": _("Met"), "gap": _("Gap"), "unknown": _("Unknown"),
                "not_applicable": _("Not applicable")}
SEVERITY_WORDS = {"blocker": _("Blocker"), "major": _("Major"), "minor": _("Minor"),
                  "advisory": _("Advisory")}
LABEL_WORDS = {"A likely": _("A likely"), "B likely": _("B likely"),
               "insufficient information": _("Insufficient information")}
CONFIDENCE_WORDS = {"high": _("high"), "medium": _("medium"), "low": _("low")}
RULE_CONFIDENCE_WORDS = {
    "verified": _("verified in the primary text"),
    "sca-practice": _("SCA practice"),
    "interpretation": _("interpretation"),
    "unverified": _("unverified"),
}
ASPECT_WORDS = {"law": _("in law"), "practice": _("in practice")}


def choose(tr: Translator, singular: str, plural: str, n: int) -> str:
    """The translated form for ``n``, by the language's own plural rule (Babel's CLDR data:
    French takes the singular for 0 and 1; Arabic has six forms)."""
    return tr.ngettext(singular, plural, n)


def ngettext(tr: Translator, singular: str, plural: str, n: int, **values: Any) -> str:
    """:func:`choose`, formatted with ``num=n`` and ``values``."""
    return choose(tr, singular, plural, n) % {"num": n, **values}


def _number(v: object) -> str:
    f = float(v)  # type: ignore[arg-type]
    return str(int(f)) if f.is_integer() else str(f)


class Wording:
    """Renders results' data in the language of ``tr`` for ``audience``."""

    def __init__(self, tr: Translator | None = None, audience: Audience | str = Audience.REPORT):
        self.tr = tr or Translator("en")
        self.audience = Audience(audience)
        self.g = self.tr.gettext

    # ------------------------------------------------------------------ small parts

    @property
    def colon(self) -> str:
        """The colon and its spaces in the language (French puts a no-break space before)."""
        return self.tr.pgettext("punctuation", ": ")

    @property
    def semicolon(self) -> str:
        """The semicolon and its spaces in the language."""
        return self.tr.pgettext("punctuation", "; ")

    @property
    def comma(self) -> str:
        """The comma and its space in the language (Arabic has its own)."""
        return self.tr.pgettext("punctuation", ", ")

    def question(self, qid: str) -> str:
        """A question's label in the language (with its ID for the terminal and the docs)."""
        q = questions().get(qid)
        label = self.tr.question(qid, "label", q.label) if q else qid
        if q is None or self.audience is Audience.REPORT:
            return label
        if self.audience is Audience.DOCS:
            return f"{label} (`{qid}`)"
        return f"{label} ({qid})"

    def value(self, v: object) -> str:
        """A choice (translated), a number or a text as given."""
        if isinstance(v, int | float) and not isinstance(v, bool):
            return _number(v)
        text = str(v)
        if text.replace("_", "").isalnum() and text.islower():
            return self.tr.choice(text)
        return text

    def _alternatives(self, values: Sequence[str]) -> str:
        """``a``, ``a or b``, or ``one of: a, b, c`` (three or more)."""
        if len(values) >= 3:
            return self.tr.pgettext("values", "one of") + self.colon + ", ".join(values)
        return (" " + self.g("or") + " ").join(values)

    # ------------------------------------------------------------------ vocabulary words

    def status_label(self, label: str) -> str:
        """``A likely`` / ``B likely`` / ``Insufficient information`` in the language."""
        return self.g(LABEL_WORDS[label])

    def confidence(self, level: str) -> str:
        return self.g(CONFIDENCE_WORDS[level])

    def severity(self, severity: str) -> str:
        return self.g(SEVERITY_WORDS[severity])

    def status(self, status: str, *, short: bool = False) -> str:
        return self.g((STATUS_SHORT if short else STATUS_WORDS)[status])

    def area_titles(self, a: Assessment) -> dict[str, str]:
        """Area -> its title in the language (the title of the area's first pack)."""
        packs = {p.area: p.name for p in reversed(a.packs)}
        packs.update({r.area: r.pack for r in reversed(a.results) if r.area not in packs})
        return {s.area: self.tr.rule("pack:" + packs.get(s.area, s.area), "title", s.title)
                for s in a.areas}

    def aspects(self, aspects: Iterable[str]) -> str:
        """``in law and in practice``."""
        return (" " + self.g("and") + " ").join(self.g(ASPECT_WORDS[x]) for x in aspects)

    # ------------------------------------------------------------------ answers

    def answer(self, a: AnswerView | AnswerFact) -> str:
        """The answer as given: ``in law: yes; in practice: partly``, ``unknown``, a value."""
        state = str(a.state)
        if state == "missing":
            return self.g("unanswered")
        if state == "not_applicable":
            return self.g("not applicable") + (f" ({a.reason})" if a.reason else "")
        if state == "unknown":
            return self.g("unknown")
        if a.in_law is not None or a.in_practice is not None:
            c = self.colon
            law = self.value(a.in_law) if a.in_law is not None else self.g("unanswered")
            practice = (self.value(a.in_practice) if a.in_practice is not None
                        else self.g("unanswered"))
            return (f"{self.g('in law')}{c}{law}{self.semicolon}"
                    f"{self.g('in practice')}{c}{practice}")
        if a.items is not None:
            return ngettext(self.tr, "%(num)s item", "%(num)s items", a.items)
        if isinstance(a.value, list | tuple):
            return ", ".join(self.value(v) for v in a.value) if a.value else self.g("none")
        if a.value is None:
            return self.g("unanswered")
        q = questions().get(str(getattr(a, "question", "") or getattr(a, "qid", "")))
        return str(a.value) if q is not None and q.kind == "text" else self.value(a.value)

    # ------------------------------------------------------------------ tests and conditions

    def _condition_words(self, t: TestRecord) -> str:
        """What a test asks, without the question: ``in law: not yes or partly``."""
        g = self.g
        if t.aspect is Aspect.OPTION:
            verb = g("includes") if t.operator is Operator.INCLUDES else g("does not include")
            return f"{verb} {self.value(t.values[0])}"
        op = t.operator
        numeric = {Operator.LT: _("less than"), Operator.LTE: _("at most"),
                   Operator.GT: _("more than"), Operator.GTE: _("at least")}
        if op in numeric:
            return f"{g(numeric[op])} {self.value(t.values[0])}"
        prefix = {Aspect.LAW: g("in law") + self.colon,
                  Aspect.PRACTICE: g("in practice") + self.colon}.get(t.aspect, "")
        values = [str(v) for v in t.values]
        q = questions().get(t.question)
        if op.negative and q is not None and q.choices:  # name the accepted answers instead
            values = [c for c in q.choices if c not in values]
            return prefix + self._alternatives([self.value(v) for v in values])
        shown = self._alternatives([self.value(v) for v in values])
        return prefix + (g("not") + " " + shown if op.negative else shown)

    def test(self, t: TestRecord) -> str:
        """One test: ``<question> — <condition>``."""
        return f"{self.question(t.question)} — {self._condition_words(t)}"

    def condition_items(self, c: Condition) -> list[str]:
        """A condition's tests, one item per question: the law and practice tests of one
        question share its label (``Q — in law: no; in practice: no``), and so do option tests
        of one direction (``Q — includes none of: a, b``)."""
        g = self.g
        items: list[str] = []
        last: tuple[str, str] | None = None
        options: list[str] = []
        for t in c.all_of:
            if t.aspect is Aspect.OPTION:
                key = (t.question, str(t.operator))
                if key == last and items:
                    options.append(self.value(t.values[0]))
                    head = (g("includes all of") if t.operator is Operator.INCLUDES
                            else g("includes none of"))
                    items[-1] = f"{self.question(t.question)} — {head}{self.colon}" + ", ".join(
                        options)
                else:
                    options = [self.value(t.values[0])]
                    items.append(self.test(t))
                last = key
                continue
            if (t.aspect in (Aspect.LAW, Aspect.PRACTICE) and items
                    and last == (t.question, "aspect")):
                items[-1] += self.semicolon + self._condition_words(t)
            else:
                items.append(self.test(t))
            last = (t.question, "aspect") if t.aspect in (Aspect.LAW, Aspect.PRACTICE) else None
        return items

    def condition(self, c: Condition) -> str:
        """A condition as one line: ``a; and b``."""
        return (self.semicolon + self.g("and") + " ").join(self.condition_items(c))

    def remedy(self, r: Remedy) -> str:
        """Answers any one of which would end a gap condition: ``one of: a | b``."""
        options = [self.test(t) for t in r.any_of]
        if len(options) == 1:
            return options[0]
        return self.g("one of") + self.colon + " | ".join(options)

    def because(self, r: RuleResult) -> list[str]:
        """The conditions that decided, one line each."""
        return [self.condition(c) for c in r.explanation.because]

    def to_pass(self, r: RuleResult) -> list[str]:
        """What would make the requirement met: remedies for a gap, questions for an unknown."""
        ex = r.explanation
        if ex.kind in (Outcome.NOT_ENOUGH_INFORMATION, Outcome.APPLICABILITY_UNKNOWN):
            return [self.g("Answer the question") + self.colon + self.question(q)
                    for q in ex.questions]
        return [self.remedy(x) for x in ex.to_pass]

    # ------------------------------------------------------------------ reasons

    def _questions(self, qids: Iterable[str]) -> str:
        shown = [self.question(q) for q in qids]
        return self.semicolon.join(shown) if shown else self.g("no usable answer")

    def reason_detail(self, r: RuleResult) -> str | None:
        """Why a rule is not applicable or unknown, without the lead ("Does not apply")."""
        ex = r.explanation
        if ex.kind is Outcome.DOES_NOT_APPLY:
            return self.condition(ex.because[0]) if ex.because else None
        if ex.kind is Outcome.DECLARED_NOT_APPLICABLE:
            why = {a.question: a.reason for a in r.answers}
            return self.semicolon.join(
                self.question(q) + (f" ({why[q]})" if why.get(q) else "") for q in ex.questions)
        if ex.kind in (Outcome.APPLICABILITY_UNKNOWN, Outcome.NOT_ENOUGH_INFORMATION):
            return self._questions(ex.questions)
        return None

    def reason(self, r: RuleResult) -> str | None:
        """Why a rule is not applicable or unknown: ``Does not apply: <condition>``."""
        detail = self.reason_detail(r)
        if detail is None:
            return None
        lead = {Outcome.DOES_NOT_APPLY: _("Does not apply"),
                Outcome.DECLARED_NOT_APPLICABLE: _("Declared not applicable by the institution"),
                Outcome.APPLICABILITY_UNKNOWN: _("Cannot tell whether the requirement applies"),
                Outcome.NOT_ENOUGH_INFORMATION: _("Not enough information")}[r.explanation.kind]
        return self.g(lead) + self.colon + detail

    # ------------------------------------------------------------------ indicative status

    def status_reasons(self, status: IndicativeStatus,
                       titles: Mapping[str, str] | None = None,
                       area_titles: Mapping[str, str] | None = None) -> list[str]:
        """The indicative status's reasons as sentences.

        ``titles`` (rule code -> title) and ``area_titles`` (area -> title) name the concerns
        in the language; without them the codes and area IDs stand. A concern is the area with
        the title of its most serious gap (the terminal adds the code).
        """
        g, tr = self.g, self.tr
        titles, area_titles = titles or {}, area_titles or {}
        insufficient = status.label == StatusLabel.INSUFFICIENT
        out: list[str] = []
        for reason in status.reasons:
            code = reason.code
            if code is ReasonCode.CONCERN_LOAD and not insufficient:
                out.append(self._concerns(reason.areas, reason.rules, titles, area_titles))
            elif code is ReasonCode.B_PROBABILITY and not insufficient and reason.value is not None:
                out.append(g("Estimated chance that the SCA would find the institution only "
                             "partly compliant (B): %(p)s %%") % {
                    "p": min(99, max(1, round(100 * reason.value)))})
            elif code is ReasonCode.STATUS_HELD and not insufficient:
                out.append(self._status_held(reason))
            elif code is ReasonCode.PILLARS_DECIDED and insufficient:
                out.append(g("%(num)s of %(total)s pillar areas (the guarantees of "
                             "independence and effectiveness) can be decided from the answers; "
                             "A likely needs at least %(need)s") % {
                    "num": reason.count, "total": reason.total, "need": reason.needed})
            elif code is ReasonCode.PILLARS_DECIDED and self.audience is not Audience.REPORT:
                out.append(ngettext(tr, "%(num)s of %(total)s pillar area decided",
                                    "%(num)s of %(total)s pillar areas decided",
                                    reason.count or 0, total=reason.total))
            elif code is ReasonCode.MANDATE_UNANSWERED:
                out.append(g("The mandate is unanswered") + self.colon
                           + self._questions(reason.questions))
            elif code is ReasonCode.ANSWER_FIRST and reason.questions:
                out.append(g("Answer first") + self.colon + self._questions(reason.questions))
            elif code is ReasonCode.LEGAL_BASIS_UNANSWERED:
                out.append(g("The legal basis is unanswered, so the confidence is at most "
                             "medium") + self.colon + self._questions(reason.questions))
        return out

    def _status_held(self, reason: StatusReason) -> str:
        g = self.g
        if reason.value is None:
            return (g("The current accreditation status is unanswered, so the estimate assumes "
                      "the share of institutions without A status seen in SCA decisions")
                    + self.colon + self._questions(reason.questions))
        if reason.value == 1:
            return g("The institution already holds A status, which lowers the estimate: the "
                     "SCA keeps an A institution at A more often than it gives A to a new "
                     "applicant with the same concerns")
        return g("The institution does not hold A status yet, which raises the estimate: the "
                 "SCA gives A to first applicants and B institutions less often than it keeps "
                 "an A institution at A with the same concerns")

    def _concerns(self, areas: Sequence[str], rules: Sequence[str], titles: Mapping[str, str],
                  area_titles: Mapping[str, str]) -> str:
        g = self.g
        if not areas:
            return g("No gap was found among the requirements that could be decided")

        def concern(area: str, code: str) -> str:
            title = titles.get(code, code)
            if self.audience is not Audience.REPORT and code in titles:
                title = f"{code} {title}"
            return f"{area_titles.get(area, area)} ({title})"

        shown = [concern(a, c) for a, c in zip(areas, rules, strict=True)][:SUMMARY_CONCERNS]
        text = g("Concerns weighed, heaviest first") + self.colon + self.semicolon.join(shown)
        if len(areas) > SUMMARY_CONCERNS:
            text += self.semicolon + ngettext(self.tr, "and %(num)s other area",
                                              "and %(num)s other areas",
                                              len(areas) - SUMMARY_CONCERNS)
        return text
