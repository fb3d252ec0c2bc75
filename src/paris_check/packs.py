"""Rule packs: the YAML files in ``rules/``, their model, loading and validation.

A pack is one assessment area (establishment and mandate, selection and appointment...). Each
rule checks one requirement, cites its sources, carries its own finding and recommendation text
and its own pass/fail examples. Loading a pack checks everything a rule author can get wrong and
reports it as ``file:line:col``: unknown questions, unknown reference IDs, duplicate codes or
slugs, missing examples, malformed conditions.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .conditions import ConditionError, Node, parse, questions_of
from .errors import ParisCheckError, RulePackError, RulePackErrors, SourceSpan
from .i18n import _
from .questionnaire.catalogue import questions
from .standards import known_ids
from .vocabulary import Severity
from .yamlio import LoadedYaml, did_you_mean, load_data_file

Confidence = Literal["verified", "sca-practice", "interpretation", "unverified"]
Expect = Literal["gap", "met", "unknown", "not_applicable"]
CODE_RE = re.compile(r"^[A-Z]{2}\d{2}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


class Example(BaseModel):
    """A pass/fail example: answers, and the status the rule must give them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    expect: Expect
    answers: dict[str, Any] = Field(default_factory=dict)
    note: str | None = None


class RuleSpec(BaseModel):
    """One rule as written in a pack file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Two letters and two digits, unique across packs, e.g. SE01.")
    slug: str = Field(description="kebab-case name of the deficiency, e.g. vacancies-not-advertised.")
    title: str = Field(description="What the requirement is, in a few words.")
    severity: Severity
    confidence: Confidence = Field(
        description="verified: the requirement is in the primary text; sca-practice: the SCA "
        "applies it in published recommendations; interpretation / unverified: our reading.")
    references: list[str] = Field(min_length=1, description="Standard IDs, e.g. GO-1.8-R1, PP-B1.")
    applies_when: dict[str, Any] | None = Field(None, description="Condition for the rule to apply.")
    gap_when: dict[str, Any] = Field(description="Condition under which the requirement is NOT met.")
    finding: str = Field(description="What is wrong, stated as a finding.")
    recommendation: str = Field(description="What the institution or State should do.")
    rationale: str = Field(description="Why the SCA cares, in plain words.")
    examples: list[Example] = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not CODE_RE.match(v):
            raise ValueError(_("a rule code is two capital letters and two digits, e.g. SE01"))
        return v

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError(_("a slug is kebab-case with at least two words, e.g. "
                               "term-too-short"))
        return v


class PackSpec(BaseModel):
    """A rule pack file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    title: str
    area: str = Field(description="Scoring area the pack's rules count towards.")
    description: str
    profile: Literal["core", "optional"] = Field(
        "core", description="core: Paris Principles and GANHRI practice, counted in the indicative "
        "status. optional: related standards (Venice, Belgrade Principles) reported and scored in "
        "their own area, but never deciding the indicative accreditation status.")
    applies_when: dict[str, Any] | None = None
    rules: list[RuleSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    """A validated rule with its parsed conditions."""

    spec: RuleSpec
    pack: str
    area: str
    scope: str
    gap: Node
    applies: Node | None
    source: LoadedYaml = field(repr=False, compare=False)
    loc: tuple[str | int, ...] = ()

    @property
    def span(self) -> SourceSpan:
        """The file, line and column where the rule is written, computed on demand."""
        return self.source.span(self.loc)

    @property
    def code(self) -> str:
        return self.spec.code

    @cached_property
    def reads(self) -> tuple[str, ...]:
        """Question IDs the gap condition reads."""
        return questions_of(self.gap)

    @cached_property
    def reads_for_applicability(self) -> tuple[str, ...]:
        """Question IDs the rule's own applicability condition reads."""
        return questions_of(self.applies)


@dataclass(frozen=True)
class Pack:
    """A validated rule pack."""

    spec: PackSpec
    path: str
    sha256: str
    rules: tuple[Rule, ...]
    applies: Node | None

    @property
    def name(self) -> str:
        return self.spec.pack

    @property
    def version(self) -> str:
        return self.spec.version


@dataclass(frozen=True)
class RuleSet:
    """All loaded packs, with lookup by code or slug."""

    packs: tuple[Pack, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for p in self.packs for r in p.rules)

    def rule(self, code_or_slug: str) -> Rule:
        key = code_or_slug.strip()
        for r in self.rules:
            if key.upper() == r.code or key == r.spec.slug or key.upper() in r.spec.aliases:
                return r
        guess = did_you_mean(key, [r.code for r in self.rules] + [r.spec.slug for r in self.rules])
        raise RulePackError(_("no rule %(key)s", key=repr(key)), code="PC110",
                            hint=_("did you mean %(key)s?", key=guess) if guess
                            else _("see `paris-check rules list`"))

    def versions(self) -> dict[str, str]:
        return {p.name: p.version for p in self.packs}

    def digest(self) -> str:
        """A hash of every pack file, stamped into results."""
        h = hashlib.sha256()
        for p in sorted(self.packs, key=lambda p: p.name):
            h.update(p.name.encode() + b"\0" + p.sha256.encode() + b"\0")
        return h.hexdigest()


def bundled_rules_dir() -> Path:
    """The ``rules/`` folder: the installed copy in the package, or the source tree's."""
    installed = resources.files("paris_check") / "_rules"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "rules"


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


def load_rules(path: str | os.PathLike[str] | None = None) -> RuleSet:
    """The bundled rule packs, or the packs (``*.yaml``) in the folder ``path``."""
    if path is None:
        return load_bundled()
    directory = Path(path)
    if not directory.is_dir():
        raise RulePackError(_("the rules folder does not exist"), code="PC101",
                            hint=_("give a folder that holds *.yaml rule packs"))
    return load_packs(pack_files(directory))


@cache
def load_bundled() -> RuleSet:
    """The bundled rule packs (cached: packs are immutable once loaded)."""
    return load_packs(pack_files(bundled_rules_dir()))


def load_packs(paths: Iterable[str | Path]) -> RuleSet:
    """Load and validate pack files. Raises :class:`RulePackError` listing every problem."""
    packs: list[Pack] = []
    errors: list[ParisCheckError] = []
    for path in paths:
        try:
            packs.append(load_pack(path))
        except ParisCheckError as exc:
            errors.extend(getattr(exc, "errors", [exc]))
    if not packs and not errors:
        raise RulePackError(_("no rule packs found"), code="PC101",
                            hint=_("a rules folder holds *.yaml pack files"))
    errors.extend(_cross_pack_errors(packs))
    if errors:
        raise _many(errors)
    return RuleSet(tuple(packs))


def _many(errors: list[ParisCheckError]) -> RulePackError:
    flat: list[ParisCheckError] = []
    for e in errors:
        flat.extend(getattr(e, "errors", [e]))
    return flat[0] if len(flat) == 1 and isinstance(flat[0], RulePackError) else RulePackErrors(flat)


def load_pack(path: str | Path) -> Pack:
    """Load one pack file and validate it."""
    try:
        loaded = load_data_file(path)
    except ParisCheckError as exc:
        raise RulePackError(exc.message, code="PC102", hint=exc.hint, span=exc.span) from None
    try:
        spec = PackSpec.model_validate(loaded.data)
    except ValidationError as exc:
        raise _many([_validation_error(loaded, e) for e in exc.errors()]) from None
    errors: list[ParisCheckError] = []
    qs = questions()
    refs = known_ids()

    def cond(raw: dict[str, Any] | None, loc: tuple[str | int, ...]) -> Node | None:
        if raw is None:
            return None
        try:
            return parse(raw, qs, loc)
        except ConditionError as ce:
            errors.append(RulePackError(str(ce), code="PC104", hint=ce.hint,
                                        span=loaded.span(ce.loc)))
            return None

    pack_applies = cond(spec.applies_when, ("applies_when",))
    rules: list[Rule] = []
    for i, rs in enumerate(spec.rules):
        base = ("rules", i)
        gap = cond(rs.gap_when, (*base, "gap_when"))
        applies = cond(rs.applies_when, (*base, "applies_when"))
        for j, ref in enumerate(rs.references):
            if ref not in refs:
                guess = did_you_mean(ref, refs)
                errors.append(RulePackError(
                    _("%(code)s: unknown reference %(ref)s", code=rs.code, ref=repr(ref)),
                    code="PC105",
                    hint=_("did you mean %(key)s?", key=repr(guess)) if guess
                    else _("see src/paris_check/data/standards.yaml"),
                    span=loaded.span((*base, "references", j))))
        expects = {e.expect for e in rs.examples}
        for needed in ("gap", "met"):
            if needed not in expects:
                errors.append(RulePackError(
                    _("%(code)s: needs at least one example with expect: %(expect)s",
                      code=rs.code, expect=needed), code="PC106",
                    span=loaded.span((*base, "examples"))))
        for k, ex in enumerate(rs.examples):
            for qid in ex.answers:
                if qid not in qs:
                    guess = did_you_mean(qid, qs)
                    errors.append(RulePackError(
                        _("%(code)s: example %(name)s answers unknown question %(qid)s",
                          code=rs.code, name=repr(ex.name), qid=repr(qid)),
                        code="PC107", hint=_("did you mean %(key)s?", key=repr(guess)) if guess
                        else None,
                        span=loaded.span((*base, "examples", k, "answers", qid))))
        if gap is not None:
            _check_expansion(gap, applies, pack_applies, loaded, base, errors)
            rules.append(Rule(rs, spec.pack, spec.area, spec.profile, gap, applies, loaded,
                              base))
    if errors:
        raise _many(errors)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return Pack(spec, str(path), digest, tuple(rules), pack_applies)


def _check_expansion(gap: Node, applies: Node | None, pack_applies: Node | None,
                     loaded: LoadedYaml, base: tuple[str | int, ...],
                     errors: list[ParisCheckError]) -> None:
    """Refuse, at load time and with a location, a condition the engine could not compile.

    The engine needs each condition and its negation in disjunctive normal form; a condition
    that expands past the limit would otherwise fail only when a questionnaire is assessed.
    """
    from .conditions import And, Not, to_dnf

    parts = [n for n in (pack_applies, applies) if n is not None]
    checks: list[tuple[Node, tuple[str | int, ...]]] = [
        (gap, (*base, "gap_when")), (Not(gap), (*base, "gap_when"))]
    if parts:
        app = parts[0] if len(parts) == 1 else And(tuple(parts))
        where = (*base, "applies_when") if applies is not None else ("applies_when",)
        checks += [(app, where), (Not(app), where)]
    for node, where in checks:
        try:
            to_dnf(node)
        except ConditionError as ce:
            errors.append(RulePackError(str(ce), code="PC104", hint=ce.hint,
                                        span=loaded.span(where)))
            return


def _cross_pack_errors(packs: list[Pack]) -> list[ParisCheckError]:
    errors: list[ParisCheckError] = []
    seen: dict[str, Rule] = {}
    names: dict[str, Pack] = {}
    for pack in packs:
        if pack.name in names:
            errors.append(RulePackError(_("pack name %(name)s is used twice",
                                          name=repr(pack.name)), code="PC108",
                                        span=SourceSpan(pack.path, 1, 1)))
        names[pack.name] = pack
        for rule in pack.rules:
            for key in (rule.code, rule.spec.slug, *rule.spec.aliases):
                if key in seen:
                    other = seen[key]
                    errors.append(RulePackError(
                        _("%(key)s is already used by %(code)s (%(where)s)", key=repr(key),
                          code=other.code, where=str(other.span)), code="PC109",
                        span=rule.span, hint=_("rule codes and slugs are never reused")))
                seen[key] = rule
    return errors


def _validation_error(loaded: LoadedYaml, err: Any) -> RulePackError:
    loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = _("unknown key %(key)s", key=repr(loc[-1]))
    elif err["type"] == "missing":
        msg = _("missing required key %(key)s", key=repr(loc[-1]))
    return RulePackError(msg, code="PC103", span=loaded.span(loc),
                         field=".".join(str(p) for p in loc))
