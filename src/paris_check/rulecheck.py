"""Run the examples every rule carries, as `paris-check rules check` and the tests do.

Each example is a handful of answers and the status the rule must give for them. A pack whose
examples do not give what they say is refused with the example's file:line:column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import RulePackError
from .i18n import _
from .packs import RuleSet


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule, and what the engine gave for it."""

    code: str
    name: str
    expected: str
    got: str
    error: RulePackError | None = None  # the answers themselves are not a valid questionnaire

    @property
    def ok(self) -> bool:
        return self.error is None and self.expected == self.got


def nest(answers: dict[str, Any]) -> dict[str, Any]:
    """``{"selection.vacancies_advertised": x}`` -> ``{"selection": {"vacancies_advertised": x}}``."""
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        section, name = qid.split(".", 1)
        out.setdefault(section, {})[name] = value
    return out


def run_examples(ruleset: RuleSet) -> Iterator[tuple[ExampleResult, RulePackError | None]]:
    """Every example of every rule, with a located error for those that fail."""
    from .assessing import Assessor
    from .errors import InputError
    from .questionnaire.load import load_questionnaire

    with Assessor(ruleset) as assessor:
        for rule in ruleset.rules:
            for k, ex in enumerate(rule.spec.examples):
                span = rule.source.span((*rule.loc, "examples", k))
                try:
                    q = load_questionnaire(nest(ex.answers), name="<example>").questionnaire
                except InputError as exc:
                    err = RulePackError(_("%(code)s: example %(name)s is not a valid answer set "
                                          "(%(problem)s)", code=rule.code, name=repr(ex.name),
                                          problem=exc.message), code="PC121", span=span)
                    yield ExampleResult(rule.code, ex.name, ex.expect, "invalid", err), err
                    continue
                got = next(r.status for r in assessor.assess(q).results if r.code == rule.code)
                res = ExampleResult(rule.code, ex.name, ex.expect, got)
                err = None if res.ok else RulePackError(
                    _("%(code)s: example %(name)s expects %(expect)s, the rule gives %(got)s",
                      code=rule.code, name=repr(ex.name), expect=ex.expect, got=got),
                    code="PC122", span=span,
                    hint=_("fix the condition or the example's `expect`"))
                yield res, err
