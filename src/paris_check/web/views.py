"""What the page shows: the section's questions as form fields, the navigation with progress,
and the live findings, all in the page's language. Rendered with Jinja2 (autoescaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..i18n import available_languages
from ..questionnaire.catalogue import Question, SectionInfo, questions, sections
from ..questionnaire.limits import size
from . import form
from .messages import (
    ASPECTS,
    CONFIDENCE,
    EVIDENCE_KINDS,
    FORMATS,
    JUSTIFICATION_LABELS,
    LANGUAGE_NAMES,
    RULE_STATES,
    SEVERITY,
    STATUS_LABELS,
    TEMPLATES,
    WebText,
)

if TYPE_CHECKING:
    from ..results import Assessment
    from .store import Snapshot

REPORT_FORMATS = ("pdf", "html", "markdown", "docx", "json")
#: The page of the justifications of known gaps (after the questionnaire's sections).
JUSTIFICATIONS = form.JUSTIFICATIONS


@cache
def _environment(lang: str) -> Environment:
    """The form's templates speaking ``lang``: one environment per language, each with its own
    gettext callables (overlays of one environment share its globals, so two requests in two
    languages, served on two threads, could swap their words)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(enabled_extensions=("html", "j2"),
                                                   default_for_string=True),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    text = WebText(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        text.gettext, text.ngettext, newstyle=True)
    return env


def render(name: str, text: WebText, **context: Any) -> str:
    """Render template ``name`` with the form's texts in ``text``'s language."""
    return _environment(text.lang).get_template(name).render(
        t=text, lang=text.lang, dir=text.dir, limit=size, **context)


@dataclass(frozen=True)
class Link:
    """Where a page of the form is, with its language."""

    lang: str
    default_lang: str

    def section(self, section_id: str, fragment: str = "") -> str:
        query = f"?lang={self.lang}" if self.lang != self.default_lang else ""
        return f"/s/{section_id}{query}{'#' + fragment if fragment else ''}"

    def question(self, qid: str) -> str:
        return self.section(qid.split(".")[0], form.anchor(qid))


@dataclass
class QuestionView:
    """One question as the form shows it."""

    q: Question
    names: form.FieldNames
    label: str
    help: str
    entry: form.Entry
    choices: list[tuple[str, str]]
    errors: list[str] = field(default_factory=list)
    computed: str | None = None
    derived_from: list[tuple[str, str]] = field(default_factory=list)
    item_fields: tuple[form.ItemField, ...] = ()

    @property
    def anchor(self) -> str:
        return self.names.anchor

    @property
    def more_open(self) -> bool:
        """Whether the evidence/note/not-applicable part starts unfolded."""
        e = self.entry
        return bool(e.evidence or e.note or e.na or self.errors)


def section_info(section_id: str) -> SectionInfo | None:
    return next((s for s in sections() if s.id == section_id), None)


def section_title(s: SectionInfo, text: WebText) -> str:
    return text.tr.question("section:" + s.id, "title", s.title)


def _computed(a: Assessment | None, qid: str) -> str | None:
    if a is None:
        return None
    for r in a.results:
        for ans in r.answers:
            if ans.question == qid and ans.state == "answered":
                return _shown(ans)
    return None


def _shown(ans: Any) -> str | None:
    """An answer of the result as one line (a computed question holds a value)."""
    value = ans.value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is not None:
        return str(value)
    sides = [x for x in (ans.in_law, ans.in_practice) if x is not None]
    return " / ".join(sides) if sides else None


def question_views(s: SectionInfo, snapshot: Snapshot, text: WebText, link: Link,
                   entries: Mapping[str, form.Entry] | None = None,
                   errors: Mapping[str, list[str]] | None = None) -> list[QuestionView]:
    """The section's questions, with the answers of ``snapshot`` (or ``entries``, what the
    browser sent, for answers that could not be saved)."""
    tr = text.tr
    out = []
    for q in s.questions:
        entry = (entries or {}).get(q.id) or snapshot.entry(q.id)
        if q.kind == "law_practice":
            choices = [(v, tr.choice(v)) for v in form.TRI]
        else:
            choices = [(v, tr.choice(v)) for v in q.choices]
        view = QuestionView(q=q, names=form.FieldNames(q.id),
                            label=tr.question(q.id, "label", q.label),
                            help=tr.question(q.id, "help", q.help), entry=entry,
                            choices=choices, errors=list((errors or {}).get(q.id, [])))
        if q.kind == "derived":
            view.computed = _computed(snapshot.assessment, q.id)
            view.derived_from = [
                (link.question(src), tr.question(src, "label", questions()[src].label))
                for src in (q.derived_from or "").split(", ") if src in questions()]
        if q.kind == "list":
            view.item_fields = form.item_fields(q.id)
        out.append(view)
    return out


@dataclass
class JustificationView:
    """The justification of one rule's gap as the form shows it (fields from the model)."""

    code: str
    names: form.FieldNames
    title: str
    entry: form.Entry
    #: ``gap`` while the rule finds a gap; otherwise the rule's status (met, unknown...).
    state: str
    state_word: str
    severity_word: str = ""
    question: tuple[str, str] | None = None
    errors: list[str] = field(default_factory=list)
    fields: tuple[form.ItemField, ...] = ()

    @property
    def anchor(self) -> str:
        return self.names.anchor

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.entry.items[0]) if self.entry.items else {}

    @property
    def recorded(self) -> bool:
        return bool(self.entry.items)


def justification_href(link: Link, code: str) -> str:
    """Where the justification of rule ``code`` is edited."""
    return link.section(JUSTIFICATIONS, form.anchor(form.justification_key(code)))


def justification_views(snapshot: Snapshot, text: WebText, link: Link,
                        entries: Mapping[str, form.Entry] | None = None,
                        errors: Mapping[str, list[str]] | None = None
                        ) -> list[JustificationView]:
    """One view per gap (most serious first), then per justification the file records for a
    requirement that is no longer a gap."""
    a = snapshot.assessment
    if a is None:
        return []
    tr = text.tr
    by_code = {r.code: r for r in a.results}
    codes = [r.code for r in a.gaps()]
    codes += [c for c in snapshot.justifications() if c not in codes]
    out = []
    for code in codes:
        key = form.justification_key(code)
        r = by_code.get(code)
        state = str(r.status) if r is not None else "unknown-rule"
        target = _decider(r, "") if r is not None else None
        out.append(JustificationView(
            code=code, names=form.FieldNames(key),
            title=tr.rule(code, "title", r.title) if r is not None else code,
            entry=(entries or {}).get(key) or snapshot.entry(key), state=state,
            state_word=text(RULE_STATES.get(state, RULE_STATES["unknown-rule"])),
            severity_word=text(SEVERITY[r.severity]) if r is not None else "",
            question=((link.question(target), tr.question(target, "label",
                                                          questions()[target].label))
                      if target else None),
            errors=list((errors or {}).get(key, [])),
            fields=tuple(form.ItemField(f.name, text(JUSTIFICATION_LABELS.get(f.name, f.label)),
                                        f.help, f.kind, f.choices, f.required)
                         for f in form.justification_fields())))
    return out


def answered(snapshot: Snapshot, s: SectionInfo) -> tuple[int, int]:
    """How many of the section's questions have an answer in the file, of how many."""
    editable = [q for q in s.questions if form.editable(q)]
    return sum(1 for q in editable if snapshot.answer(q.id) is not None), len(editable)


def nav(snapshot: Snapshot, text: WebText, link: Link, current: str) -> list[dict[str, Any]]:
    """Every section with its progress."""
    out = []
    for s in sections():
        done, total = answered(snapshot, s)
        out.append({"id": s.id, "title": section_title(s, text), "href": link.section(s.id),
                    "done": done, "total": total, "current": s.id == current})
    return out


def nav_justifications(snapshot: Snapshot, link: Link, current: str) -> dict[str, Any]:
    """The link to the justifications page, with how many gaps and justifications there are."""
    a = snapshot.assessment
    gaps = a.gaps() if a is not None else []
    return {"href": link.section(JUSTIFICATIONS), "current": current == JUSTIFICATIONS,
            "gaps": len(gaps), "recorded": len(snapshot.justifications())}


def _area_titles(a: Assessment, text: WebText) -> dict[str, str]:
    packs: dict[str, str] = {}
    for r in a.results:
        packs.setdefault(r.area, r.pack)
    return {s.area: text.tr.rule("pack:" + packs.get(s.area, s.area), "title", s.title)
            for s in a.areas}


def _decider(r: Any, section: str) -> str | None:
    """The question a gap links to: the first it read in ``section``, else the first it read."""
    read = [ans.question for ans in r.answers]
    expanded: list[str] = []
    for qid in read:
        q = questions().get(qid)
        if q is not None and q.kind == "derived" and q.derived_from:
            expanded.extend(src for src in q.derived_from.split(", ") if src in questions())
        elif q is not None:
            expanded.append(qid)
    mine = [qid for qid in expanded if qid.split(".")[0] == section]
    return (mine or expanded or [None])[0]


def findings(snapshot: Snapshot, text: WebText, link: Link, section: str) -> dict[str, Any]:
    """The live findings: indicative status, confidence, scores per area, the section's gaps."""
    a = snapshot.assessment
    if a is None:
        return {"available": False}
    tr = text.tr
    titles = _area_titles(a, text)
    area = section.replace("_", "-")
    areas = [{"id": s.area, "title": titles[s.area], "score": s.score, "coverage": s.coverage,
              "met": s.met, "gaps": s.gaps, "unknown": s.unknown, "current": s.area == area}
             for s in a.areas if (s.met + s.gaps + s.unknown) > 0]
    areas.sort(key=lambda x: (not x["current"], x["title"]))
    gaps = []
    recorded = {r.code for r in a.results if r.justification is not None}
    for r in a.gaps():
        read = {ans.question.split(".")[0] for ans in r.answers}
        if section != JUSTIFICATIONS and section not in read and r.area != area:
            continue
        target = _decider(r, section)
        gaps.append({"code": r.code, "title": tr.rule(r.code, "title", r.title),
                     "severity": r.severity, "severity_word": text(SEVERITY[r.severity]),
                     "aspects": [text(ASPECTS[x]) for x in r.aspects],
                     "href": link.question(target) if target else None,
                     "local": bool(target and target.split(".")[0] == section),
                     "question": (tr.question(target, "label", questions()[target].label)
                                  if target else None),
                     "justified": r.code in recorded,
                     "justify_href": justification_href(link, r.code)})
    missing = [{"href": link.question(qid), "label": tr.question(qid, "label", questions()[qid].label)}
               for qid in a.unanswered if qid.split(".")[0] == section and qid in questions()]
    to_answer = [{"href": link.question(qid),
                  "label": tr.question(qid, "label", questions()[qid].label)}
                 for qid in a.status.to_answer if qid in questions()]
    return {
        "available": True,
        "status": text(STATUS_LABELS[a.status.label]), "status_key": a.status.label,
        "confidence": text(CONFIDENCE[a.status.confidence]),
        "counts": a.counts, "areas": areas, "gaps": gaps, "missing": missing,
        "to_answer": to_answer,
    }


def languages(link_for: Any, current: str) -> list[dict[str, Any]]:
    """The language switcher: each language, in its own name."""
    return [{"code": code, "name": LANGUAGE_NAMES.get(code, code), "href": link_for(code),
             "current": code == current} for code in available_languages()]


def evidence_kinds(text: WebText) -> list[tuple[str, str]]:
    return [(k, text(v)) for k, v in EVIDENCE_KINDS.items()]


def report_formats(text: WebText) -> list[tuple[str, str]]:
    return [(f, text(FORMATS[f])) for f in REPORT_FORMATS]


def error_lines(errors: Sequence[Any]) -> list[str]:
    """One located line per problem, as ``paris-check validate`` prints them."""
    return [e.one_line() if hasattr(e, "one_line") else str(e) for e in errors]
