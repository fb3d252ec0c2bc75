"""The form's view of one answer, derived from the question model, and back to YAML nodes.

Every question of :func:`paris_check.questionnaire.catalogue.sections` gets form fields named
``<question id>:<part>``; which parts depends only on the question's kind (law/practice, choice,
multiple choice, number, text, list), so a question added to the model appears in the form with
nothing else to write.

An :class:`Entry` is what the form shows for one answer. The entry of the answer in the file is
compared with the entry the browser sent: only a question whose entry differs is rewritten, and
within it only the parts that differ (the other keys keep their node, comments and quoting).
A question left alone stays unanswered; nothing is ever read as "no".

A recorded justification of a gap (``justifications.<rule code>`` in the file) is edited the
same way, as a pseudo-question ``justifications.<code>`` whose one entry holds the fields of
:class:`~paris_check.questionnaire.model.Justification`; an empty entry removes it.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..questionnaire.answers import Evidence
from ..questionnaire.catalogue import Question
from ..questionnaire.model import Justification, Questionnaire
from .yamledit import DELETE

EVIDENCE_KINDS = ("provision", "document", "url", "text")
TRI = ("yes", "partly", "no", "unknown")
#: Field name of the marker that says a question's fields are in the submitted form.
PRESENT = "present"
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^([-+]?\d+),(\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The key of the justifications in the file, and the prefix of their pseudo-question ids.
JUSTIFICATIONS = "justifications"
_RULE_CODE = re.compile(r"^[A-Z]{2}[0-9]{2}$")

Rows = tuple[tuple[str, str], ...]
Item = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Entry:
    """What the form shows for one answer (empty strings and ``None``: not given)."""

    in_law: str = ""
    in_practice: str = ""
    #: Choice, number or text as typed; a tuple for multiple choice (``()``: none of them).
    value: str | tuple[str, ...] | None = None
    unknown: bool = False
    na: bool = False
    na_reason: str = ""
    evidence: Rows = ()
    note: str = ""
    #: List questions: one tuple of ``(field, value)`` per entry.
    items: tuple[Item, ...] | None = None


@dataclass(frozen=True)
class ItemField:
    """One field of an entry of a list question (e.g. a previous recommendation's status)."""

    name: str
    label: str
    help: str
    kind: Literal["line", "text", "select", "strings", "evidence", "date"]
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class FieldNames:
    """The form field names of one question (``qid:part``)."""

    qid: str
    anchor: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", anchor(self.qid))

    def __call__(self, part: str) -> str:
        return f"{self.qid}:{part}"


def anchor(qid: str) -> str:
    """The HTML id of a question (``q-selection-vacancies-advertised``)."""
    return "q-" + qid.replace(".", "-").replace("_", "-")


@cache
def item_fields(qid: str) -> tuple[ItemField, ...]:
    """The fields of one entry of a list question, from its pydantic item model."""
    section, name = qid.split(".", 1)
    section_model = Questionnaire.model_fields[section].annotation
    annotation = section_model.model_fields[name].annotation  # type: ignore[union-attr]
    model = _item_model(annotation)
    return () if model is None else _fields_of(model)


@cache
def justification_fields() -> tuple[ItemField, ...]:
    """The fields of a justification, from its pydantic model (text, date, by, until)."""
    return _fields_of(Justification)


def _fields_of(model: type[BaseModel]) -> tuple[ItemField, ...]:
    out = []
    for fname, f in model.model_fields.items():
        ann = f.annotation
        inner = _strip_optional(ann)
        kind: Literal["line", "text", "select", "strings", "evidence", "date"]
        choices: tuple[str, ...] = ()
        if typing.get_origin(inner) is list:
            (arg,) = typing.get_args(inner) or (str,)
            kind = "evidence" if arg is Evidence else "strings"
        elif typing.get_origin(inner) is Literal:
            kind, choices = "select", tuple(str(c) for c in typing.get_args(inner))
        elif inner is datetime.date:
            kind = "date"
        else:
            kind = "text" if f.is_required() else "line"
        out.append(ItemField(fname, f.title or fname.replace("_", " "), f.description or "",
                             kind, choices, f.is_required()))
    return tuple(out)


def justification_key(code: str) -> str:
    """The pseudo-question id of the justification of rule ``code`` (``justifications.SE02``)."""
    return f"{JUSTIFICATIONS}.{code}"


def justification_code(key: str) -> str | None:
    """The rule code of a justification key, or ``None`` when ``key`` is not one."""
    prefix, _, code = key.partition(".")
    return code if prefix == JUSTIFICATIONS and _RULE_CODE.match(code) else None


def _strip_optional(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _item_model(annotation: Any) -> type[BaseModel] | None:
    inner = _strip_optional(annotation)
    if typing.get_origin(inner) is list:
        (arg,) = typing.get_args(inner)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def editable(q: Question) -> bool:
    """Whether the form has fields for ``q`` (computed questions have none)."""
    return q.kind != "derived"


# --- from the file ---------------------------------------------------------------------------

def _text(value: Any) -> str:
    """A value as the form shows it (surrounding spaces dropped, as the browser's are)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _canonical(value: str, allowed: Sequence[str]) -> str:
    """``value`` spelt as listed when it differs only in case (``Yes``: ``yes``), as the
    questionnaire loader reads it."""
    folded = {a.casefold(): a for a in allowed}
    return folded.get(value.casefold(), value)


def _evidence_rows(value: Any) -> Rows:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    rows: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Mapping):
            rows.extend((k, _text(item[k])) for k in EVIDENCE_KINDS if item.get(k) not in (None, ""))
        elif item is not None:
            rows.append(("text", _text(item)))
    return tuple(rows)


def _is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() == "unknown"


def entry_of(q: Question, data: Any) -> Entry:
    """The entry the form shows for ``data``, the answer as written in the file."""
    if data is None:
        return Entry()
    if q.kind == "list":
        return _list_entry(q, data)
    if q.kind == "law_practice":
        if _is_unknown(data):
            return Entry(in_law="unknown", in_practice="unknown")
        if not isinstance(data, Mapping):
            return Entry(note=_text(data))  # invalid: shown as found, the check will say why
        flag = data.get("unknown") is True
        return Entry(
            in_law=_canonical(_text(data.get("in_law")), TRI) or ("unknown" if flag else ""),
            in_practice=(_canonical(_text(data.get("in_practice")), TRI)
                         or ("unknown" if flag else "")),
            na="not_applicable" in data, na_reason=_text(data.get("not_applicable")),
            evidence=_evidence_rows(data.get("evidence")), note=_text(data.get("note")))
    if _is_unknown(data):
        return Entry(unknown=True)
    if isinstance(data, Mapping):
        return Entry(value=_value(q, data.get("value")), unknown=data.get("unknown") is True,
                     na="not_applicable" in data, na_reason=_text(data.get("not_applicable")),
                     evidence=_evidence_rows(data.get("evidence")), note=_text(data.get("note")))
    return Entry(value=_value(q, data))


def _value(q: Question, value: Any) -> str | tuple[str, ...] | None:
    if value is None:
        return None
    if q.kind == "multi":
        items = value if isinstance(value, list) else [value]
        given = {_canonical(_text(v), q.choices) for v in items}
        # In the form's order (a list is a set of choices): the order written never counts.
        return (*(c for c in q.choices if c in given), *sorted(given - set(q.choices)))
    return _canonical(_text(value), q.choices) if q.kind == "choice" else _text(value)


def _list_entry(q: Question, data: Any) -> Entry:
    if not isinstance(data, list):
        return Entry(note=_text(data))
    items = []
    for item in data:
        if not isinstance(item, Mapping):
            items.append((("", _text(item)),))
            continue
        items.append(_item_entry(q.id, item))
    return Entry(items=tuple(items))


def justification_entry(data: Any) -> Entry:
    """The entry the form shows for a justification as written in the file (``None``: none)."""
    if data is None:
        return Entry()
    if not isinstance(data, Mapping):
        return Entry(items=((("text", _text(data)),)))  # invalid: the check says why
    return Entry(items=(_fields_entry(justification_fields(), data),))


def _item_entry(qid: str, item: Mapping[str, Any]) -> Item:
    return _fields_entry(item_fields(qid), item)


def _fields_entry(fields: Sequence[ItemField], item: Mapping[str, Any]) -> Item:
    out: list[tuple[str, Any]] = []
    for f in fields:
        raw = item.get(f.name)
        if f.kind == "evidence":
            out.append((f.name, _evidence_rows(raw)))
        elif f.kind == "strings":
            out.append((f.name, ", ".join(_text(v) for v in raw) if isinstance(raw, list)
                        else _text(raw)))
        else:
            out.append((f.name, _text(raw)))
    return tuple(out)


# --- from the browser ------------------------------------------------------------------------

def _first(form: Any, name: str) -> str:
    values = form.getlist(name)
    return values[0].strip() if values else ""


def _rows(form: Any, kind_field: str, text_field: str) -> Rows:
    kinds, texts = form.getlist(kind_field), form.getlist(text_field)
    rows = []
    for kind, text in zip(kinds, texts, strict=False):
        text = text.strip()
        if text:
            rows.append((kind if kind in EVIDENCE_KINDS else "text", text))
    return tuple(rows)


def submitted(form: Any, questions: Sequence[Question]) -> dict[str, Entry]:
    """The entry the browser sent for each question whose fields are in ``form``."""
    out: dict[str, Entry] = {}
    for q in questions:
        n = FieldNames(q.id)
        if not editable(q) or not form.getlist(n(PRESENT)):
            continue
        if q.kind == "list":
            out[q.id] = _submitted_list(form, q)
            continue
        common = {
            "na": bool(form.getlist(n("na"))), "na_reason": _first(form, n("na_reason")),
            "evidence": _rows(form, n("ev-kind"), n("ev-text")), "note": _note(form, n("note")),
        }
        if q.kind == "law_practice":
            law, practice = _first(form, n("in_law")), _first(form, n("in_practice"))
            out[q.id] = Entry(in_law=law if law in TRI else "",
                              in_practice=practice if practice in TRI else "", **common)
        elif q.kind == "multi":
            ticked = tuple(v for v in q.choices if v in form.getlist(n("value")))
            none = bool(form.getlist(n("none")))
            out[q.id] = Entry(value=ticked if ticked or none else None,
                              unknown=bool(form.getlist(n("unknown"))), **common)
        elif q.kind == "choice":
            value = _first(form, n("value"))
            out[q.id] = Entry(value=None if value in ("", "unknown") else value,
                              unknown=value == "unknown", **common)
        else:
            value = _first(form, n("value"))
            out[q.id] = Entry(value=value or None, unknown=bool(form.getlist(n("unknown"))),
                              **common)
    return out


def submitted_justifications(form: Any) -> dict[str, Entry]:
    """The justifications the browser sent, by key (an empty entry: remove it).

    Only the rule codes whose fields are in ``form`` (``justifications.<code>:present``).
    """
    out: dict[str, Entry] = {}
    for name in form:
        key, _, part = name.rpartition(":")
        if part != PRESENT or justification_code(key) is None or key in out:
            continue
        n = FieldNames(key)
        row = tuple((f.name, _note(form, n(f.name)) if f.kind == "text" else _first(form, n(f.name)))
                    for f in justification_fields())
        removed = bool(form.getlist(n("remove")))
        out[key] = Entry() if removed or not any(v for _k, v in row) else Entry(items=(row,))
    return out


def _note(form: Any, name: str) -> str:
    values = form.getlist(name)
    return values[0].replace("\r\n", "\n").strip() if values else ""


def _submitted_list(form: Any, q: Question) -> Entry:
    n = FieldNames(q.id)
    rows: list[Item] = []
    count = int(_first(form, n("rows")) or 0) if _first(form, n("rows")).isdigit() else 0
    for i in range(min(count, 500)):
        item: list[tuple[str, Any]] = []
        for f in item_fields(q.id):
            name = n(f"{i}:{f.name}")
            if f.kind == "evidence":
                item.append((f.name, _rows(form, name + ":kind", name + ":text")))
            elif f.kind == "text":
                item.append((f.name, _note(form, name)))
            else:
                item.append((f.name, _first(form, name)))
        if not form.getlist(n(f"{i}:remove")) and any(v for _k, v in item):
            rows.append(tuple(item))
    if rows:
        return Entry(items=tuple(rows))
    return Entry(items=()) if form.getlist(n("none")) else Entry()


# --- back to YAML ----------------------------------------------------------------------------

def _scalar(text: str) -> Any:
    """A typed-in string as YAML would hold it (multi-line text as a literal block)."""
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _number(text: str) -> Any:
    """A typed number as an int or float; anything else stays text (the check explains)."""
    text = text.strip()
    if m := _DECIMAL_COMMA.match(text):
        text = f"{m[1]}.{m[2]}"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _evidence_node(rows: Rows) -> CommentedSeq:
    seq = CommentedSeq()
    for kind, text in rows:
        item = CommentedMap()
        item[kind] = _scalar(text)
        seq.append(item)
    return seq


def _multi_node(values: tuple[str, ...]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _parts(q: Question, e: Entry) -> dict[str, Any]:
    """The keys the answer needs, in the order they are written, with fresh values."""
    out: dict[str, Any] = {}
    if q.kind == "law_practice":
        if e.in_law:
            out["in_law"] = e.in_law
        if e.in_practice:
            out["in_practice"] = e.in_practice
    else:
        if e.value is not None and (e.value != "" or q.kind == "multi"):
            if q.kind == "multi":
                out["value"] = _multi_node(tuple(e.value))
            elif q.kind == "number":
                out["value"] = _number(str(e.value))
            else:
                out["value"] = _scalar(str(e.value))
        if e.unknown:
            out["unknown"] = True
    if e.na:
        out["not_applicable"] = _scalar(e.na_reason)
    if e.evidence:
        out["evidence"] = _evidence_node(e.evidence)
    if e.note:
        out["note"] = _scalar(e.note)
    return out


#: Which entry attributes each key of an answer holds (to keep a key whose part is unchanged).
_KEY_PARTS = {"in_law": ("in_law",), "in_practice": ("in_practice",), "value": ("value",),
              "unknown": ("unknown",), "not_applicable": ("na", "na_reason"),
              "evidence": ("evidence",), "note": ("note",)}


def node_for(q: Question, old: Any, old_entry: Entry, new: Entry) -> Any:
    """The YAML node for ``new``, reusing what is unchanged in ``old`` (the node in the file).

    Returns ``None`` for an unanswered question (the key stays, with nothing after it).
    """
    if q.kind == "list":
        return _list_node(q, old, old_entry, new)
    parts = _parts(q, new)
    if not parts:
        return None
    if list(parts) == ["value"]:
        if old is not None and not isinstance(old, Mapping) and old_entry.value == new.value:
            return old
        return parts["value"]
    if list(parts) == ["unknown"]:
        return "unknown"
    if isinstance(old, CommentedMap):
        node = old
        for key in list(node):
            if key not in parts:
                del node[key]
    else:
        node = CommentedMap()
        if old is not None and not _is_unknown(old) and "value" in parts \
                and old_entry.value == new.value:
            parts["value"] = old  # a bare value gaining evidence keeps its spelling
    order = list(parts)
    for key, value in parts.items():
        unchanged = all(getattr(old_entry, a) == getattr(new, a) for a in _KEY_PARTS[key])
        if key in node and unchanged:
            continue
        if key in node:
            node[key] = value
        else:
            rank = order.index(key)
            at = sum(1 for k in node if k in order and order.index(k) < rank)
            node.insert(at, key, value)
    if node.fa.flow_style() and ("evidence" in parts or "\n" in new.note):
        node.fa.set_block_style()
    return node


def _list_node(q: Question, old: Any, old_entry: Entry, new: Entry) -> Any:
    if new.items is None:
        return None
    old_items = list(old) if isinstance(old, list) else []
    old_rows = list(old_entry.items or ())
    seq = old if isinstance(old, CommentedSeq) else CommentedSeq()
    kept: list[Any] = []
    for i, row in enumerate(new.items):
        previous = old_items[i] if i < len(old_items) else None
        prev_row = old_rows[i] if i < len(old_rows) else ()
        if previous is not None and row == prev_row:
            kept.append(previous)
            continue
        kept.append(_item_node(q.id, previous, dict(prev_row), dict(row)))
    del seq[:]
    seq.extend(kept)
    return seq


def justification_node(old: Any, old_entry: Entry, new: Entry) -> Any:
    """The YAML node of a justification (:data:`DELETE` when the form removed it)."""
    if not new.items:
        return DELETE
    old_row = dict(old_entry.items[0]) if old_entry.items else {}
    return _fields_node(justification_fields(), old if isinstance(old, CommentedMap) else None,
                        old_row, dict(new.items[0]))


def _item_node(qid: str, old: Any, old_row: dict[str, Any], row: dict[str, Any]) -> CommentedMap:
    return _fields_node(item_fields(qid), old, old_row, row)


def _date(text: str) -> Any:
    """A typed ISO date as a date (written unquoted); anything else stays text (the check
    explains)."""
    try:
        return datetime.date.fromisoformat(text) if _ISO_DATE.match(text) else text
    except ValueError:
        return text


def _fields_node(fields: Sequence[ItemField], old: Any, old_row: dict[str, Any],
                 row: dict[str, Any]) -> CommentedMap:
    node = old if isinstance(old, CommentedMap) else CommentedMap()
    for f in fields:
        value = row.get(f.name)
        if value in ("", (), None):
            node.pop(f.name, None)
            continue
        if f.name in node and old_row.get(f.name) == value:
            continue
        if f.kind == "evidence":
            fresh: Any = _evidence_node(value)
        elif f.kind == "strings":
            fresh = _multi_node(tuple(v.strip() for v in str(value).split(",") if v.strip()))
        elif f.kind == "date":
            fresh = _date(str(value).strip())
        else:
            fresh = _scalar(str(value))
        if f.name in node:
            node[f.name] = fresh
        else:
            names = [x.name for x in fields]
            at = sum(1 for k in node if k in names and names.index(k) < names.index(f.name))
            node.insert(at, f.name, fresh)
    return node

