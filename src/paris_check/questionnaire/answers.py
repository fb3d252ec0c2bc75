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

from pydantic import BaseModel, ConfigDict, Field, model_validator

UNKNOWN = "unknown"


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

    provision: str | None = Field(None, description="Article or section, e.g. 'Act 4/2009, s. 12(3)'.")
    document: str | None = Field(None, description="Title of a report, decree, rules of procedure...")
    url: str | None = Field(None, description="A web address where the evidence can be read.")
    text: str | None = Field(None, description="Free-text explanation.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _not_empty(self) -> Evidence:
        if not any((self.provision, self.document, self.url, self.text)):
            raise ValueError("evidence needs at least one of provision, document, url or text")
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


class Answer(BaseModel):
    """Fields every answer shares."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ClassVar[str] = "value"

    unknown: bool = Field(False, description="True when the institution does not know the answer.")
    not_applicable: str | None = Field(
        None, description="Reason why the question does not apply to this institution.")
    evidence: list[Evidence] = Field(default_factory=list, description="Supporting evidence.")
    note: str | None = Field(None, description="Any comment for the reader of the report.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str) and data.strip().lower() == UNKNOWN:
            return {"unknown": True}
        if isinstance(data, dict):
            data = dict(data)
            if "evidence" in data:
                data["evidence"] = _evidence_list(data["evidence"])
            if data.get("not_applicable") is True:
                raise ValueError(
                    "not_applicable needs a reason, e.g. not_applicable: \"no complaints mandate\"")
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

    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        raise ValueError(
            "this question is answered separately in law and in practice: write "
            "`in_law: yes|partly|no|unknown` and `in_practice: yes|partly|no|unknown` under it")

    def has_content(self) -> bool:
        return any(a not in (None, Tri.unknown) for a in (self.in_law, self.in_practice))

    def display(self) -> str:
        if self.state != "answered":
            return super().display()
        law = (self.in_law or "unanswered").__str__()
        practice = (self.in_practice or "unanswered").__str__()
        return f"in law: {law}; in practice: {practice}"


class NumberAnswer(Answer):
    """A number (years, percentages, counts)."""

    kind: ClassVar[str] = "number"
    value: float | None = Field(None, description="The number.")

    def display(self) -> str:
        if self.state == "answered" and self.value is not None and float(self.value).is_integer():
            return str(int(self.value))
        return super().display()


class TextAnswer(Answer):
    """Free text (names, descriptions). Rules never compare free text."""

    kind: ClassVar[str] = "text"
    value: str | None = Field(None, description="The text.")


class YearAnswer(Answer):
    """A calendar year."""

    kind: ClassVar[str] = "number"
    value: int | None = Field(None, ge=1900, le=2100, description="A year, e.g. 2024.")


class ChoiceAnswer(Answer):
    """One value out of a fixed list (subclasses narrow ``value`` to a Literal)."""

    kind: ClassVar[str] = "choice"
    value: str | None = None


class MultiChoiceAnswer(Answer):
    """Any number of values out of a fixed list (subclasses narrow the item type)."""

    kind: ClassVar[str] = "multi"
    value: list[str] | None = None

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
        "value": Field(None, description="Any of: " + ", ".join(values) + "."),
        "choices": tuple(values),
        "__module__": __name__,
    })
