"""Load a questionnaire from a file, text or dict, with precise, plain-language errors."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import MAX_LINES, MultipleInputErrors, Problem, QuestionnaireError, SourceSpan
from ..i18n import N_, _
from ..yamlio import LoadedYaml, did_you_mean, load_yaml_text, read_text
from .answers import (
    Answer,
    ChoiceAnswer,
    Evidence,
    LawPractice,
    MultiChoiceAnswer,
    NumberAnswer,
    TextAnswer,
)
from .model import PreviousRecommendation, Questionnaire

CODES = {
    "extra_forbidden": "PC011",
    "literal_error": "PC012",
    "enum": "PC012",
    "missing": "PC013",
    "value_error": "PC014",
    "string_too_long": "PC017",
    "too_long": "PC017",
    "total_text_too_long": "PC017",
}
#: An invalid value is echoed at most this long.
MAX_SHOWN = 60


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A validated questionnaire and where it came from."""

    questionnaire: Questionnaire
    name: str
    raw: bytes
    #: One line per answer that was accepted after a small correction (``Yes`` read as
    #: ``yes``), as ``file:line:col: note: ...``.
    notes: tuple[str, ...] = ()


def load_questionnaire(source: str | os.PathLike[str] | dict[str, Any], *,
                       name: str | None = None) -> LoadedQuestionnaire:
    """Load and validate a questionnaire.

    ``source`` is a path, YAML text (when it contains a newline or ``name`` is given), or an
    already-parsed dict. Raises :class:`~paris_check.errors.InputError` subclasses.
    """
    if isinstance(source, dict):
        label = name or "<dict>"
        return _validate(LoadedYaml(source, label), repr(source).encode())
    if isinstance(source, str) and (name is not None or "\n" in source):
        label = name or "<string>"
        return _validate(load_yaml_text(source, label, check=_problems),
                         source.encode("utf-8"))
    path = Path(source)
    text = read_text(path)
    return _validate(load_yaml_text(text, str(source), check=_problems), text.encode("utf-8"))


def _problems(data: Any) -> int:
    """How many validation problems parsed YAML data has as a questionnaire (0: valid).

    Used to rank the possible fixes of a YAML syntax error (see :mod:`paris_check.yamlio`).
    """
    if not isinstance(data, dict):
        return 1_000
    data = {k: ({} if v is None and k in _SECTIONS else v) for k, v in data.items()}
    try:
        Questionnaire.model_validate(data)
    except ValidationError as exc:
        return exc.error_count()
    return 0


def _validate(loaded: LoadedYaml, raw: bytes) -> LoadedQuestionnaire:
    if not isinstance(loaded.data, dict):
        raise QuestionnaireError(
            _("a questionnaire must be a mapping of sections (profile:, selection:, ...)"),
            code="PC010", span=SourceSpan(loaded.path, 1, 1),
            hint=_("start from `paris-check init`"))
    # A section written with nothing under it (`profile:`) is an empty section: every question
    # in it is unanswered, like a question key with nothing after it.
    data = {k: ({} if v is None and k in _SECTIONS else v) for k, v in loaded.data.items()}
    try:
        q = Questionnaire.model_validate(data)
    except ValidationError as exc:
        raw_errors = exc.errors(include_url=False)
        unique: list[QuestionnaireError] = []
        seen: set[str] = set()
        used = 0
        for e in raw_errors:
            used += 1
            err = _friendly(loaded, e)
            if err.one_line() not in seen:
                seen.add(err.one_line())
                unique.append(err)
            if len(unique) == MAX_LINES:
                break
        # The rest are only counted (a 100,000-item list must not give 100,000 messages).
        rest = {(_data_loc(loaded.data, tuple(e["loc"])), e["type"]) for e in raw_errors[used:]}
        if len(unique) == 1 and not rest:
            raise unique[0] from None
        raise MultipleInputErrors(unique, more=len(rest)) from None  # type: ignore[arg-type]
    return LoadedQuestionnaire(q, loaded.path, raw, notes=_case_notes(loaded, q))


def _case_notes(loaded: LoadedYaml, q: Questionnaire) -> tuple[str, ...]:
    """Notes for choices written in another case (``Yes``, ``NO``): accepted, but said."""
    notes: list[str] = []

    def note(loc: tuple[Any, ...], written: Any, read: Any) -> None:
        if isinstance(written, str) and read is not None and written != str(read):
            span = loaded.span(loc)
            notes.append(f"{span}: " + _("note: %(field)s: %(written)s was read as %(read)s — "
                                         "write answers as they are listed",
                                         field=".".join(map(str, loc)), written=_show(written),
                                         read=_show(str(read))))

    for section, answers in loaded.data.items():
        if not isinstance(answers, dict) or section not in _SECTIONS:
            continue
        for name, written in answers.items():
            answer = getattr(getattr(q, section, None), name, None)
            loc = (section, name)
            if isinstance(answer, LawPractice) and isinstance(written, dict):
                for aspect in ("in_law", "in_practice"):
                    note((*loc, aspect), written.get(aspect), getattr(answer, aspect))
                continue
            if not isinstance(answer, ChoiceAnswer | MultiChoiceAnswer):
                continue
            if isinstance(written, dict):
                written, loc = written.get("value"), (*loc, "value")
            if isinstance(answer, MultiChoiceAnswer) and isinstance(written, str):
                note(loc, written, (answer.value or [None])[0])
            elif isinstance(answer, MultiChoiceAnswer) and isinstance(written, list):
                for i, (w, r) in enumerate(zip(written, answer.value or [], strict=False)):
                    note((*loc, i), w, r)
            elif isinstance(written, str) and written.strip().lower() != "unknown":
                note(loc, written, getattr(answer, "value", None))
    return tuple(notes)


_SECTIONS = frozenset(n for n, f in Questionnaire.model_fields.items()
                      if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel))


def _show(value: Any) -> str:
    """A value as the user wrote it in YAML (``true``, not Python's ``True``), cut short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return _("nothing")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return repr(text) if isinstance(value, str) else text


_KINDS = {bool: N_("true/false"), int: N_("a number"), float: N_("a number"), str: N_("text"),
          list: N_("a list"), dict: N_("a block of `key: value` lines")}


def _kind(value: Any) -> str:
    """What sort of value the user wrote, in plain words."""
    return _(_KINDS[type(value)]) if type(value) in _KINDS else type(value).__name__


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last element of ``loc``."""
    model: Any = Questionnaire
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = _unwrap(arg)
        if inner is not None:
            return inner
    return annotation if isinstance(annotation, type) else None


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a pydantic location that exist in the user's data.

    pydantic inserts validator and union-member names (``InstitutionType``,
    ``function-after[...]``) into locations; they are not keys the user wrote. The last part is
    kept even when absent (a missing required key).
    """
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
        elif i == len(loc) - 1 and not (isinstance(part, str) and part[:1].isupper()):
            out.append(part)
    return tuple(out)


def _friendly(loaded: LoadedYaml, err: dict[str, Any]) -> QuestionnaireError:
    kind = err["type"]
    where = err.get("ctx", {}).get("where") if kind == "total_text_too_long" else None
    loc = _data_loc(loaded.data, tuple(where if where is not None else err["loc"]))
    if loc and loc[-1] == "value" and loc not in loaded.positions:
        loc = loc[:-1]  # a bare answer (`term_years: five`): the user wrote no `value:` key
    field = ".".join(_show(p) if isinstance(p, int) else _show(p)[1:-1] for p in loc)
    span = loaded.span(loc)
    code = CODES.get(kind, "PC015")
    msg = err["msg"].removeprefix("Value error, ")
    hint = None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = _model_at(loc)
        names = list(owner.model_fields) if owner else []
        guess = did_you_mean(key, names)
        msg = _("unknown key %(key)s", key=_show(key))
        if owner and issubclass(owner, MultiChoiceAnswer) and key in owner.choices:
            hint = _("write the choices as a list, e.g. %(example)s",
                     example="[" + ", ".join(owner.choices[:2]) + "]")
        elif placed := _misplaced(loaded, loc):
            hint = placed
        elif guess:
            hint = _("did you mean %(key)s?", key=repr(guess))
        elif owner and issubclass(owner, Answer):
            hint = _("an answer may hold: %(keys)s", keys=", ".join(n for n in names))
        elif names:
            hint = _("allowed here: %(keys)s",
                     keys=", ".join(names[:12]) + ("..." if len(names) > 12 else ""))
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        msg = _("%(value)s is not an allowed answer", value=_show(err.get("input")))
        owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
        values = _listed(str(expected))
        if owner and issubclass(owner, Answer) and "unknown" not in expected:
            hint = _("write one of: %(values)s (or unknown if you do not know)", values=values)
        else:
            hint = _("write one of: %(values)s", values=values)
    elif kind == "value_error" and isinstance(problem := err.get("ctx", {}).get("error"), Problem):
        msg = problem.message
        hint = problem.hint or _("see the comments above this question in the blank "
                                 "questionnaire")
    elif kind == "value_error":
        # Other validators phrase their advice inline; split it into message and hint.
        for sep, keep in ((": write ", "write "), (", e.g. ", "e.g. ")):
            if sep in msg:
                msg, rest = msg.split(sep, 1)
                hint = keep + rest
                break
        else:
            hint = _("see the comments above this question in the blank questionnaire")
    elif kind == "missing":
        msg = _("a required value is missing")
        if loc and loc[-1] == "text":
            hint = _("each previous recommendation needs `text:`")
    elif kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        shown = _show(err.get("input"))
        if kind == "int_from_float":
            msg = _("%(value)s is not a whole number", value=shown)
            hint = _("write the year in full, e.g. 2024")
        else:
            msg = _("%(value)s is not a number", value=shown)
            hint = _("write digits only, e.g. 5")
    elif kind == "finite_number":
        msg = _("%(value)s is not a finite number", value=_show(err.get("input")))
        hint = _("write digits, e.g. 5 (YAML reads .inf, .nan and numbers as large as 1e400 as "
                 "infinity or not-a-number, which no rule can compare)")
    elif kind in ("string_type",):
        msg = _("expected text, got %(kind)s", kind=_kind(err.get("input")))
        hint = _("put the text in double quotes")
    elif kind == "list_type":
        msg = _("expected a list, got %(kind)s", kind=_kind(err.get("input")))
        hint = _list_hint(loc)
    elif kind == "model_type" or kind == "dict_type":
        owner = _model_at((*loc, "x"))
        if owner and issubclass(owner, LawPractice):
            hint = _("write `in_law:` and `in_practice:` (each yes, partly, no or unknown) "
                     "under it")
        elif owner and issubclass(owner, Answer):
            hint = _("write the value, `unknown`, or `{not_applicable: \"reason\"}`")
        else:
            hint = _("this must be a block of `key: value` lines")
        msg = _("unexpected value %(value)s", value=_show(err.get("input")))
    elif kind in ("string_too_long", "too_long", "total_text_too_long"):
        msg, hint = _too_long(kind, err, loc)
    elif kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        shown = _show(err.get("input"))
        msg = (_("%(value)s is out of range: it must be at least %(bound)s", value=shown,
                 bound=_show(bound)) if kind == "greater_than_equal" else
               _("%(value)s is out of range: it must be at most %(bound)s", value=shown,
                 bound=_show(bound)))
        owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
        why = getattr(owner, "why", "") if owner else ""
        hint = _("check the number: %(why)s", why=_(why)) if why else _("check the number")
    return QuestionnaireError(msg, code=code, hint=hint, span=span, field=field)


def _too_long(kind: str, err: dict[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    """Message and hint for a text or list beyond its limit (see :mod:`.limits`)."""
    ctx = err.get("ctx", {})
    cite = _("cite a long document by its title and web address (document:, url:) instead of "
             "copying it")
    if kind == "total_text_too_long":
        total, most = format(ctx["total"], ","), format(ctx["limit"], ",")
        return (_("the free text of the questionnaire adds up to %(total)s characters, past the "
                  "limit of %(limit)s for one file; this text goes past it",
                  total=total, limit=most),
                _("shorten the longest notes and evidence texts: %(cite)s", cite=cite))
    limit = f"{ctx.get('max_length', 0):,}"
    if kind == "string_too_long":
        length = f"{len(err.get('input') or ''):,}"
        msg = _("the text is %(length)s characters long; the limit is %(limit)s",
                length=length, limit=limit)
        if loc[-1:] in (("note",), ("text",), ("action",), ("not_applicable",)):
            return msg, _("shorten it: %(cite)s", cite=cite)
        return msg, _("shorten it to at most %(limit)s characters", limit=limit)
    length = f"{ctx.get('actual_length') or len(err.get('input') or ()):,}"
    last = next((p for p in reversed(err["loc"]) if isinstance(p, str)), "")
    if last == "value":
        return (_("%(length)s values; the limit is %(limit)s", length=length, limit=limit),
                _("write each value once"))
    if last in ("evidence", "refs"):
        return (_("%(length)s entries; the limit is %(limit)s", length=length, limit=limit),
                _("keep the most telling ones; a long list can be one document, cited once"))
    return (_("%(length)s entries; the limit is %(limit)s", length=length, limit=limit),
            _("merge or drop entries to stay within the limit"))


def _listed(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` as ``a, b or c`` in the current language."""
    items = re.findall(r"'([^']*)'", expected)
    if len(items) < 2:
        return expected.replace("'", "")
    return _("%(first)s or %(second)s", first=", ".join(items[:-1]), second=items[-1])


def _list_hint(loc: tuple[Any, ...]) -> str:
    """What to write where a list is expected."""
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last == "evidence":
        return _('write a list, one piece of evidence per line starting with "- ", e.g. '
                 '- provision: "Act 4/2009, s. 12"')
    if last == "refs":
        return _("write a list of references, e.g. refs: [GO-1.8, PP-B3]")
    if last == "previous_recommendations":
        return _('write one entry per recommendation, each starting with "- text:" (see the '
                 "commented skeleton in the blank questionnaire)")
    owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
    if owner and issubclass(owner, MultiChoiceAnswer):
        return _("write a list of any of: %(values)s, e.g. %(example)s; [] for none",
                 values=", ".join(owner.choices), example="[" + ", ".join(owner.choices[:2]) + "]")
    return _("write a list, e.g. [a, b], or one item per line starting with \"- \"")


_ANSWER = "<answer>"
_EVIDENCE = "<evidence>"
_RECOMMENDATION = "<recommendation>"


@cache
def _homes() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Where each key may be written: key -> parent paths (placeholders for any answer etc.)."""
    homes: dict[str, list[tuple[str, ...]]] = {}
    for name, f in Questionnaire.model_fields.items():
        homes.setdefault(name, []).append(())
        if name in _SECTIONS:
            for question in f.annotation.model_fields:  # type: ignore[union-attr]
                homes.setdefault(question, []).append((name,))
    for model, parent in ((LawPractice, _ANSWER), (NumberAnswer, _ANSWER), (TextAnswer, _ANSWER),
                          (Evidence, _EVIDENCE), (PreviousRecommendation, _RECOMMENDATION)):
        for key in model.model_fields:
            if (parent,) not in homes.setdefault(key, []):
                homes[key].append((parent,))
    return {k: tuple(v) for k, v in homes.items()}


def _concrete(home: tuple[str, ...], loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The path in the user's data that ``home`` stands for along ``loc``, if any."""
    if not home or home[0] not in (_ANSWER, _EVIDENCE, _RECOMMENDATION):
        return home
    if home[0] == _ANSWER:
        return loc[:2] if len(loc) >= 3 and loc[0] in _SECTIONS else None
    parent = "evidence" if home[0] == _EVIDENCE else "previous_recommendations"
    for i in range(len(loc) - 2, -1, -1):
        if loc[i] == parent and isinstance(loc[i + 1], int):
            return loc[: i + 2]
    return None


def _misplaced(loaded: LoadedYaml, loc: tuple[Any, ...]) -> str | None:
    """An indentation hint for an unknown key that is valid at another level, else ``None``."""
    key, parent = str(loc[-1]), loc[:-1]
    if key not in _homes():
        return None
    for home in _homes()[key]:
        target = _concrete(home, loc)
        if target is not None and len(target) < len(parent) and parent[: len(target)] == target:
            # Over-indented: it belongs to an ancestor; line it up with that block's keys.
            like = loc[: len(target) + 1]
            span = loaded.span(like)
            inside = (_("an item of %(key)s", key=repr(parent[-2])) if isinstance(parent[-1], int)
                      else repr(parent[-1]))
            if not target:
                return _("%(key)s is a section, not part of %(inside)s: write it at the start of "
                         "the line, without spaces, like %(like)s on line %(line)s",
                         key=repr(key), inside=inside, like=repr(like[-1]), line=span.line)
            return _("%(key)s belongs under %(parent)s, not under %(inside)s: indent it by "
                     "%(spaces)s spaces, like %(like)s on line %(line)s", key=repr(key),
                     parent=repr(target[-1]), inside=inside, spaces=span.column - 1,
                     like=repr(like[-1]), line=span.line)
    for home in _homes()[key]:
        if home and home[0] in _SECTIONS and parent != home:
            if not parent:
                return _("%(key)s is a question of the %(section)s section: indent it by 2 "
                         "spaces under `%(name)s:`", key=repr(key), section=repr(home[0]),
                         name=home[0])
            if len(parent) == 1:
                return _("%(key)s is a question of the %(section)s section: move it there",
                         key=repr(key), section=repr(home[0]))
        if home == (_ANSWER,) and len(parent) == 1 and parent[0] in _SECTIONS:
            before = _previous_key(loaded.data.get(parent[0]), key)
            if before is not None:
                span = loaded.span((*parent, before))
                return _("%(key)s is part of an answer: if it belongs to %(before)s (line "
                         "%(line)s), indent it by %(spaces)s spaces, under it", key=repr(key),
                         before=repr(before), line=span.line, spaces=span.column + 1)
            return _("%(key)s is part of an answer: indent it under its question",
                     key=repr(key))
    return None


def _previous_key(block: Any, key: str) -> str | None:
    """The key written just before ``key`` in ``block`` (a dict in file order)."""
    if not isinstance(block, dict):
        return None
    keys = list(block)
    i = keys.index(key) if key in keys else 0
    return str(keys[i - 1]) if i > 0 else None
