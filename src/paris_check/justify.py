"""Recorded justifications: checks that need the rule set, and their state on a given day.

A justification (``justifications:`` in the questionnaire, keyed by rule code) is shown beside
the gap it concerns. It never hides or downgrades the gap and never changes the status.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .errors import MultipleInputErrors, QuestionnaireError, SourceSpan
from .i18n import _
from .questionnaire.model import Questionnaire
from .yamlio import did_you_mean, load_yaml_text


def unknown_codes(q: Questionnaire, codes: Iterable[str]) -> list[str]:
    """The justification keys of ``q`` that name no rule in ``codes``."""
    known = set(codes)
    return [k for k in q.justifications if k not in known]


def check_codes(q: Questionnaire, codes: Iterable[str], *, name: str = "<questionnaire>",
                raw: bytes | None = None) -> None:
    """Raise a located :class:`QuestionnaireError` for each justification of an unknown rule.

    ``raw`` (the file's bytes) gives the line and column; without it the error names the file.
    """
    codes = sorted(set(codes))
    bad = unknown_codes(q, codes)
    if not bad:
        return
    positions = None
    if raw is not None:
        try:
            positions = load_yaml_text(raw.decode("utf-8"), name)
        except Exception:  # the file was valid a moment ago; fall back to the file name
            positions = None
    errors = []
    for key in bad:
        span = positions.span(("justifications", key)) if positions else SourceSpan(name)
        guess = did_you_mean(key, codes)
        errors.append(QuestionnaireError(
            _("no rule has the code %(code)s", code=repr(key)), code="PC019", span=span,
            field=f"justifications.{key}",
            hint=(_("did you mean %(key)s?", key=repr(guess)) if guess else
                  _("use a code from `paris-check rules list`"))))
    if len(errors) == 1:
        raise errors[0]
    raise MultipleInputErrors(errors)  # type: ignore[arg-type]


def overdue(until: str | None, today: datetime.date) -> bool:
    """Whether a review date (ISO) has passed on ``today``."""
    return until is not None and datetime.date.fromisoformat(until) < today
