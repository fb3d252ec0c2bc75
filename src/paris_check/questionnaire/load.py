"""Load a questionnaire from a file, text or dict, with precise, plain-language errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import MAX_LINES, MultipleInputErrors, QuestionnaireError, SourceSpan
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
            "a questionnaire must be a mapping of sections (profile:, selection:, ...)",
            code="PC010", span=SourceSpan(loaded.path, 1, 1),
            hint="start from `paris-check init`")
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
            notes.append(f"{span}: note: {'.'.join(map(str, loc))}: {_show(written)} was read "
                         f"as {_show(str(read))} — write answers as they are listed")

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
        return "nothing"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return repr(text) if isinstance(value, str) else text


_KINDS = {bool: "true/false", int: "a number", float: "a number", str: "text",
          list: "a list", dict: "a block of `key: value` lines"}


def _kind(value: Any) -> str:
    """What sort of value the user wrote, in plain words."""
    return _KINDS.get(type(value), type(value).__name__)


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
    loc = _data_loc(loaded.data, tuple(err["loc"]))
    kind = err["type"]
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
        msg = f"unknown key {_show(key)}"
        if owner and issubclass(owner, MultiChoiceAnswer) and key in owner.choices:
            hint = f"write the choices as a list, e.g. [{', '.join(owner.choices[:2])}]"
        elif placed := _misplaced(loaded, loc):
            hint = placed
        elif guess:
            hint = f"did you mean {guess!r}?"
        elif owner and issubclass(owner, Answer):
            hint = "an answer may hold: " + ", ".join(n for n in names)
        elif names:
            hint = "allowed here: " + ", ".join(names[:12]) + ("..." if len(names) > 12 else "")
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"{_show(err.get('input'))} is not an allowed answer"
        hint = f"write one of: {expected}".replace("'", "")
        owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
        if owner and issubclass(owner, Answer) and "unknown" not in expected:
            hint += " (or unknown if you do not know)"
    elif kind == "value_error":
        # Answer validators phrase their advice inline; split it into message and hint.
        for sep, keep in ((": write ", "write "), (", e.g. ", "e.g. ")):
            if sep in msg:
                msg, rest = msg.split(sep, 1)
                hint = keep + rest
                break
        else:
            hint = "see the comments above this question in the blank questionnaire"
    elif kind == "missing":
        msg = "a required value is missing"
        if loc and loc[-1] == "text":
            hint = "each previous recommendation needs `text:`"
    elif kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        msg = f"{_show(err.get('input'))} is not a {'whole ' if kind == 'int_from_float' else ''}" \
              "number"
        hint = "write digits only, e.g. 5" if kind != "int_from_float" else \
            "write the year in full, e.g. 2024"
    elif kind == "finite_number":
        msg = f"{_show(err.get('input'))} is not a finite number"
        hint = ("write digits, e.g. 5 (YAML reads .inf, .nan and numbers as large as 1e400 as "
                "infinity or not-a-number, which no rule can compare)")
    elif kind in ("string_type",):
        msg = f"expected text, got {_kind(err.get('input'))}"
        hint = "put the text in double quotes"
    elif kind == "list_type":
        msg = f"expected a list, got {_kind(err.get('input'))}"
        hint = _list_hint(loc)
    elif kind == "model_type" or kind == "dict_type":
        owner = _model_at((*loc, "x"))
        if owner and issubclass(owner, LawPractice):
            hint = "write `in_law:` and `in_practice:` (each yes, partly, no or unknown) under it"
        elif owner and issubclass(owner, Answer):
            hint = "write the value, `unknown`, or `{not_applicable: \"reason\"}`"
        else:
            hint = "this must be a block of `key: value` lines"
        msg = f"unexpected value {_show(err.get('input'))}"
    elif kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        msg = f"{_show(err.get('input'))} is out of range: it must be {side} {_show(bound)}"
        owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
        why = getattr(owner, "why", "") if owner else ""
        hint = f"check the number: {why}" if why else "check the number"
    return QuestionnaireError(msg, code=code, hint=hint, span=span, field=field)


def _list_hint(loc: tuple[Any, ...]) -> str:
    """What to write where a list is expected."""
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last == "evidence":
        return ('write a list, one piece of evidence per line starting with "- ", e.g. '
                '- provision: "Act 4/2009, s. 12"')
    if last == "refs":
        return "write a list of references, e.g. refs: [GO-1.8, PP-B3]"
    if last == "previous_recommendations":
        return ('write one entry per recommendation, each starting with "- text:" (see the '
                "commented skeleton in the blank questionnaire)")
    owner = _model_at(loc if loc[-1:] == ("value",) else (*loc, "value"))
    if owner and issubclass(owner, MultiChoiceAnswer):
        return (f"write a list of any of: {', '.join(owner.choices)}, e.g. "
                f"[{', '.join(owner.choices[:2])}]; [] for none")
    return "write a list, e.g. [a, b], or one item per line starting with \"- \""


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
            inside = (f"an item of {parent[-2]!r}" if isinstance(parent[-1], int)
                      else repr(parent[-1]))
            if not target:
                return (f"{key!r} is a section, not part of {inside}: write it at the start of "
                        f"the line, without spaces, like {like[-1]!r} on line {span.line}")
            return (f"{key!r} belongs under {target[-1]!r}, not under {inside}: indent it by "
                    f"{span.column - 1} spaces, like {like[-1]!r} on line {span.line}")
    for home in _homes()[key]:
        if home and home[0] in _SECTIONS and parent != home:
            if not parent:
                return (f"{key!r} is a question of the {home[0]!r} section: indent it by 2 "
                        f"spaces under `{home[0]}:`")
            if len(parent) == 1:
                return f"{key!r} is a question of the {home[0]!r} section: move it there"
        if home == (_ANSWER,) and len(parent) == 1 and parent[0] in _SECTIONS:
            before = _previous_key(loaded.data.get(parent[0]), key)
            if before is not None:
                span = loaded.span((*parent, before))
                return (f"{key!r} is part of an answer: if it belongs to {before!r} (line "
                        f"{span.line}), indent it by {span.column + 1} spaces, under it")
            return f"{key!r} is part of an answer: indent it under its question"
    return None


def _previous_key(block: Any, key: str) -> str | None:
    """The key written just before ``key`` in ``block`` (a dict in file order)."""
    if not isinstance(block, dict):
        return None
    keys = list(block)
    i = keys.index(key) if key in keys else 0
    return str(keys[i - 1]) if i > 0 else None
