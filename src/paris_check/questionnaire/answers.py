"""Answer types: what one question's answer may look like in a questionnaire.

Every answer can be written in full or in a short form:

* ``unknown`` — the institution does not know (counts as *unknown*, never as met);
* ``{not_applicable: "why"}`` — the question does not apply, with a reason;
* for a **law/practice** question (:class:`LawPractice`): ``{in_law: yes|no|partly|unknown,
  in_practice: yes|no|partly|unknown, evidence: [...], note: "..."}``. The SCA rates both
  aspects, so they are kept apart. A question left out of the file is *unanswered*.
* for a **value** question (:class:`NumberAnswer`, :class:`TextAnswer`, choice and multi-choice
  answers): the bare value, or ``{value: ..., evidence: [...], note: "..."}``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem
from ..i18n import N_, _
from .limits import size

UNKNOWN = "unknown"
NOT_APPLICABLE_WORDS = frozenset({"not_applicable", "not applicable", "n/a"})
URL_SCHEMES = ("http", "https")


class Tri(StrEnum):
    """Whether a guarantee holds: fully, partly, not at all, or not known."""

    yes = "yes"
    partly = "partly"
    no = "no"
    unknown = "unknown"


class Evidence(BaseModel):
    """One piece of evidence: a legal provision, a document, a web address, or free text.

    A bare string is read as ``text``.
    """

    model_config = ConfigDict(extra="forbid")

    provision: str | None = Field(None, max_length=size("evidence_citation"),
                                  description="Article or section, e.g. 'Act 4/2009, s. 12(3)'.")
    document: str | None = Field(None, max_length=size("evidence_citation"),
                                 description="Title of a report, decree, rules of procedure...")
    url: str | None = Field(None, max_length=size("url"),
                            description="A web address (http:// or https://) where the "
                            "evidence can be read.",
                            json_schema_extra={"pattern": "^\\s*[hH][tT][tT][pP][sS]?://"})
    text: str | None = Field(None, max_length=size("evidence_text"),
                             description="Free-text explanation.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @field_validator("url", mode="before")
    @classmethod
    def _web_address(cls, value: Any) -> Any:
        """Only http(s) addresses: a ``javascript:`` or ``file:`` link must never reach a report."""
        if not isinstance(value, str):
            return value
        try:
            parts = urlsplit(value.strip())
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() not in URL_SCHEMES or not parts.hostname:
            shown = value if len(value) <= 60 else value[:59] + "…"
            raise Problem(_("%(value)s is not a web address; url accepts only addresses "
                            "starting with http:// or https://", value=repr(shown)),
                          _("write the full address, e.g. https://example.org/report.pdf, or "
                            "cite the source as document: or text:"))
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Evidence:
        if not any((self.provision, self.document, self.url, self.text)):
            raise Problem(_("evidence needs at least one of provision, document, url or text"))
        return self

    def label(self) -> str:
        """A one-line rendering of this evidence."""
        parts = [p for p in (self.provision, self.document, self.text, self.url) if p]
        return "; ".join(parts)


def _evidence_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str | dict):
        return [value]
    return value


def _na_reason() -> Problem:
    return Problem(_("not_applicable needs a reason"),
                   _('write {not_applicable: "the reason"}, e.g. {not_applicable: "no complaints '
                     'mandate"}'))


def _canonical(value: Any, allowed: tuple[str, ...]) -> Any:
    """``value`` spelt as in ``allowed`` when it differs only in case (``Yes`` -> ``yes``)."""
    if isinstance(value, str) and value not in allowed:
        folded = {a.casefold(): a for a in allowed}
        return folded.get(value.strip().casefold(), value)
    return value


class Answer(BaseModel):
    """Fields every answer shares."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ClassVar[str] = "value"

    unknown: bool = Field(False, description="True when the institution does not know the answer.")
    not_applicable: str | None = Field(
        None, max_length=size("not_applicable"),
        description="Reason why the question does not apply to this institution.")
    evidence: list[Evidence] = Field(default_factory=list, max_length=size("evidence_items"),
                                     description="Supporting evidence.")
    note: str | None = Field(None, max_length=size("note"),
                             description="Any comment for the reader of the report.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str) and data.strip().lower() == UNKNOWN:
            return {"unknown": True}
        if (isinstance(data, str) and cls.kind != "text"
                and data.strip().lower() in NOT_APPLICABLE_WORDS):
            raise _na_reason()
        if isinstance(data, dict):
            data = dict(data)
            if "evidence" in data:
                data["evidence"] = _evidence_list(data["evidence"])
            reason = data.get("not_applicable")
            if (reason is True or (isinstance(reason, str) and not reason.strip())
                    or (reason is None and list(data) == ["not_applicable"])):
                raise _na_reason()
            return data
        return cls._from_bare(data)

    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        return {"value": data}

    @property
    def state(self) -> Literal["answered", "unknown", "not_applicable"]:
        """``answered``, ``unknown`` or ``not_applicable``."""
        if self.not_applicable:
            return "not_applicable"
        if self.unknown or not self.has_content():
            return "unknown"
        return "answered"

    def has_content(self) -> bool:
        return getattr(self, "value", None) is not None

    def display(self) -> str:
        """Short human-readable rendering of the answer."""
        if self.not_applicable:
            return f"not applicable ({self.not_applicable})"
        if self.state == "unknown":
            return "unknown"
        value = getattr(self, "value", None)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "none"
        return str(value)


class LawPractice(Answer):
    """A guarantee rated separately in law and in practice."""

    kind: ClassVar[str] = "law_practice"

    in_law: Tri | None = Field(None, description="Does the law (constitution, statute, binding "
                               "regulation) provide this? yes / partly / no / unknown.")
    in_practice: Tri | None = Field(None, description="Does it happen in practice? "
                                    "yes / partly / no / unknown.")

    @field_validator("in_law", "in_practice", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        return _canonical(value, tuple(Tri))

    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        raise Problem(
            _("this question is answered separately in law and in practice"),
            _("write `in_law: yes|partly|no|unknown` and `in_practice: yes|partly|no|unknown` "
              "under it"))

    def has_content(self) -> bool:
        return any(a not in (None, Tri.unknown) for a in (self.in_law, self.in_practice))

    def display(self) -> str:
        if self.state != "answered":
            return super().display()
        law = (self.in_law or "unanswered").__str__()
        practice = (self.in_practice or "unanswered").__str__()
        return f"in law: {law}; in practice: {practice}"


def _no_boolean(value: Any) -> Any:
    if isinstance(value, bool):
        raise Problem(_("%(value)s is not a number", value=str(value).lower()),
                      _("write digits, e.g. 5"))
    return value


class NumberAnswer(Answer):
    """A number (years, percentages, counts). Infinity and NaN (``.inf``, ``1e400``, ``.nan``)
    are refused: no rule could compare them."""

    kind: ClassVar[str] = "number"
    #: Why the range of ``value`` is what it is (shown when a number is out of range).
    why: ClassVar[str] = ""
    value: float | None = Field(None, allow_inf_nan=False, description="The number.")

    _check_value = field_validator("value", mode="before")(_no_boolean)

    def display(self) -> str:
        if self.state == "answered" and self.value is not None and float(self.value).is_integer():
            return str(int(self.value))
        return super().display()


class Percentage(NumberAnswer):
    """A share, in per cent."""

    why: ClassVar[str] = N_("a share is a percentage, from 0 to 100")
    value: float | None = Field(None, ge=0, le=100, allow_inf_nan=False,
                                description="A percentage, from 0 to 100.")


class TermYears(NumberAnswer):
    """The length of a member's term, in years.

    1 to 30: the SCA looks for a fixed term long enough to protect independence (GO 2.2; three
    to seven years is usual), so less than a year or more than 30 is almost always a slip (a
    month count, a year such as 2019). An open-ended term (for life, until retirement) has no
    length: leave ``term_years`` out and answer ``fixed_term``.
    """

    why: ClassVar[str] = N_("a member's term is from 1 to 30 years; for an open-ended term (for "
                            "life, until retirement) leave term_years out and answer fixed_term")
    value: float | None = Field(None, ge=1, le=30, allow_inf_nan=False,
                                description="Years, from 1 to 30.")


class TextAnswer(Answer):
    """Free text (names, descriptions). Rules never compare free text."""

    kind: ClassVar[str] = "text"
    value: str | None = Field(None, max_length=size("text_answer"), description="The text.")


class YearAnswer(Answer):
    """A calendar year."""

    kind: ClassVar[str] = "number"
    why: ClassVar[str] = N_("a year is written in full, from 1900 to 2100")
    value: int | None = Field(None, ge=1900, le=2100, description="A year, e.g. 2024.")

    _check_value = field_validator("value", mode="before")(_no_boolean)


class ReviewYear(YearAnswer):
    """The year of a self-assessment or of an SCA review: 1993 (when the Paris Principles were
    adopted; accreditation against them began later) to 2100."""

    why: ClassVar[str] = N_("the Paris Principles date from 1993, so a self-assessment or an "
                            "SCA review is from 1993 to 2100")
    value: int | None = Field(None, ge=1993, le=2100, description="A year from 1993, e.g. 2024.")


class ChoiceAnswer(Answer):
    """One value out of a fixed list (subclasses narrow ``value`` to a Literal).

    A value that differs only in case (``Yes``, ``NO``) is read as the listed value.
    """

    kind: ClassVar[str] = "choice"
    choices: ClassVar[tuple[str, ...]] = ()
    value: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        return _canonical(value, cls.choices)


class MultiChoiceAnswer(Answer):
    """Any number of values out of a fixed list (subclasses narrow the item type)."""

    kind: ClassVar[str] = "multi"
    choices: ClassVar[tuple[str, ...]] = ()
    value: list[str] | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            return [_canonical(v, cls.choices) for v in value]
        return value

    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = [data]
        return {"value": data}


def choice(name: str, values: list[str], doc: str) -> type[ChoiceAnswer]:
    """Create a :class:`ChoiceAnswer` subclass whose value must be one of ``values``."""
    lit = Literal[tuple(values)]  # type: ignore[valid-type]
    return type(name, (ChoiceAnswer,), {
        "__doc__": doc,
        "__annotations__": {"value": lit | None, "choices": ClassVar[tuple[str, ...]]},
        "value": Field(None, description="One of: " + ", ".join(values) + "."),
        "choices": tuple(values),
        "__module__": __name__,
    })


def multi_choice(name: str, values: list[str], doc: str) -> type[MultiChoiceAnswer]:
    """Create a :class:`MultiChoiceAnswer` subclass whose items must be in ``values``."""
    lit = Literal[tuple(values)]  # type: ignore[valid-type]
    return type(name, (MultiChoiceAnswer,), {
        "__doc__": doc,
        "__annotations__": {"value": list[lit] | None, "choices": ClassVar[tuple[str, ...]]},
        "value": Field(None, max_length=size("choices"),
                       description="Any of: " + ", ".join(values) + "."),
        "choices": tuple(values),
        "__module__": __name__,
    })
