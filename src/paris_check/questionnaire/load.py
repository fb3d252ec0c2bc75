"""Load a questionnaire from a file, text or dict, with precise, plain-language errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import MultipleInputErrors, QuestionnaireError, SourceSpan
from ..yamlio import LoadedYaml, did_you_mean, load_yaml_text, read_text
from .answers import Answer, LawPractice
from .model import Questionnaire

CODES = {
    "extra_forbidden": "PC011",
    "literal_error": "PC012",
    "enum": "PC012",
    "missing": "PC013",
    "value_error": "PC014",
}


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A validated questionnaire and where it came from."""

    questionnaire: Questionnaire
    name: str
    raw: bytes


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
        return _validate(load_yaml_text(source, label), source.encode("utf-8"))
    path = Path(source)
    text = read_text(path)
    return _validate(load_yaml_text(text, str(source)), text.encode("utf-8"))


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
        errors = [_friendly(loaded, e) for e in exc.errors(include_url=False)]
        seen: set[str] = set()
        unique = [e for e in errors if not (e.one_line() in seen or seen.add(e.one_line()))]
        if len(unique) == 1:
            raise unique[0] from None
        raise MultipleInputErrors(unique) from None  # type: ignore[arg-type]
    return LoadedQuestionnaire(q, loaded.path, raw)


_SECTIONS = frozenset(n for n, f in Questionnaire.model_fields.items()
                      if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel))


def _show(value: Any) -> str:
    """A value as the user wrote it in YAML (``true``, not Python's ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return repr(value)
    return str(value)


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
    field = ".".join(str(p) for p in loc)
    span = loaded.span(loc)
    code = CODES.get(kind, "PC015")
    msg = err["msg"].removeprefix("Value error, ")
    hint = None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = _model_at(loc)
        names = list(owner.model_fields) if owner else []
        guess = did_you_mean(key, names)
        msg = f"unknown key {key!r}"
        if guess:
            hint = f"did you mean {guess!r}?"
        elif owner and issubclass(owner, Answer):
            hint = "an answer may hold: " + ", ".join(n for n in names)
        elif names:
            hint = "allowed here: " + ", ".join(names[:12]) + ("..." if len(names) > 12 else "")
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"{_show(err.get('input'))} is not an allowed answer"
        hint = f"write one of: {expected}".replace("'", "")
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
    elif kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        msg = f"{_show(err.get('input'))} is not a number"
        hint = "write digits only, e.g. 5"
    elif kind in ("string_type",):
        msg = f"expected text, got {type(err.get('input')).__name__}"
        hint = "put the text in quotes"
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
        msg = f"{_show(err.get('input'))} is out of range: it must be {side} {bound}"
        hint = "check the number"
    return QuestionnaireError(msg, code=code, hint=hint, span=span, field=field)
