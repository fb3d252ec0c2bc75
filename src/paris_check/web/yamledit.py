"""Change answers in a questionnaire's YAML text and leave every other byte as it was.

The file is parsed with ruamel.yaml's round-trip loader, the answer's node is changed in place
(its comments, quoting and flow or block style kept), and only the lines of the questions that
changed are replaced by ruamel's rendering of the new node. Dumping the whole document instead
would reflow text elsewhere (ruamel rewrites a flow list split over several lines, for example).

Where a question's lines end: at its last line of content before the next key at the same or a
lesser indentation, leaving the blank lines and the comments at the key's own indentation (or
less) where they are: they introduce the next question. A question not in the file is inserted
after the nearest question that comes before it in the questionnaire's order; a section not in
the file likewise after the nearest section before it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

#: Makes the new node of one answer from the current one (``None`` when the key is absent);
#: :data:`DELETE` removes the key and its lines.
Change = Callable[[Any], Any]
#: What a change returns to remove its key.
DELETE: Any = object()

_BLOCK_KEY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_DASH = re.compile(r"^( *)- ")


@dataclass(frozen=True)
class Layout:
    """How a file indents: nested keys by ``mapping`` spaces, a list's dash by ``offset``."""

    mapping: int = 2
    offset: int = 2


@dataclass(frozen=True)
class _Splice:
    start: int  # first line replaced (0-based)
    end: int  # one past the last line replaced; start == end inserts
    lines: list[str]
    order: int  # for insertions at the same line: questionnaire order


def round_trip(mapping: int = 2, offset: int = 2) -> YAML:
    """A ruamel round-trip parser/dumper: quotes kept, no line folding."""
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def parse(text: str) -> Any:
    """The round-trip document of ``text`` (raises ruamel's errors on bad YAML)."""
    return round_trip().load(text)


def layout_of(lines: Sequence[str]) -> Layout:
    """The indentation the file uses (the project's own style when it cannot tell)."""
    mapping = offset = None
    previous: str | None = None
    for line in lines:
        body = line.rstrip("\r\n")
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if previous is not None and (key := _BLOCK_KEY.match(previous)):
            indent = len(body) - len(body.lstrip(" "))
            if (dash := _DASH.match(body)) and offset is None:
                offset = max(0, len(dash[1]) - len(key[1]))
            elif mapping is None and not key[1] and indent > 0:
                mapping = indent
        if mapping is not None and offset is not None:
            break
        previous = body
    return Layout(mapping or 2, 2 if offset is None else offset)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str, column: int) -> bool:
    """A blank line, or a comment line at ``column`` or less (it introduces what follows)."""
    stripped = line.strip()
    return not stripped or (stripped.startswith("#") and _indent(line) <= column)


def _content_end(lines: Sequence[str], start: int, boundary: int, column: int) -> int:
    """One past the last line of the entry that starts at ``start`` (key at ``column``)."""
    end = boundary
    while end > start + 1 and _is_filler(lines[end - 1], column):
        end -= 1
    return end


def _render(key: str, node: Any, column: int, layout: Layout, eol: Any = None,
            parent: str | None = None) -> list[str]:
    """``key: node`` as YAML lines with the key at ``column`` (under ``parent:`` if given)."""
    inner = CommentedMap()
    inner[key] = node
    if eol is not None:
        inner.ca.items[key] = [None, None, eol, None]
    doc = inner
    mapping = layout.mapping
    if parent is not None:
        doc = CommentedMap()
        doc[parent] = inner
        mapping = column or layout.mapping
    buf = io.StringIO()
    round_trip(mapping, layout.offset).dump(doc, buf)
    out = buf.getvalue().splitlines(keepends=True)
    if parent is not None:
        out = out[1:]
    while out and _is_filler(out[-1], column):
        out.pop()
    return out


def _position(keys: Sequence[str], order: Sequence[str], name: str) -> str | None:
    """The key present in ``keys`` after which ``name`` goes (None: before all of them)."""
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(name, len(order))
    before = [k for k in keys if rank.get(k, len(order)) < mine]
    return max(before, key=lambda k: rank[k]) if before else None


def _top_boundary(doc: Any, key: str, total: int) -> int:
    keys = list(doc.keys())
    i = keys.index(key)
    return doc.lc.key(keys[i + 1])[0] if i + 1 < len(keys) else total


def _insert_node(mapping: CommentedMap, name: str, value: Any, order: Sequence[str]) -> None:
    """Put ``name`` into ``mapping`` where the questionnaire's order puts it."""
    after = _position(list(mapping.keys()), order, name)
    at = 0 if after is None else list(mapping.keys()).index(after) + 1
    mapping.insert(at, name, value)


def _eol(mapping: Any, key: str) -> Any:
    """The comment at the end of ``key``'s line (kept when the key's value is rewritten)."""
    items = getattr(mapping, "ca", None)
    entry = items.items.get(key) if items is not None else None
    return entry[2] if entry and len(entry) > 2 else None


def apply_changes(text: str, changes: dict[tuple[str, str], Change], *,
                  top_order: Sequence[str], section_order: dict[str, Sequence[str]]) -> str:
    """``text`` with each ``(section, question)`` answer replaced by what its change makes.

    ``top_order`` is the order of the top-level keys, ``section_order`` that of each section's
    questions: new keys are placed accordingly. The text must be a mapping (or empty).
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    doc = parse("".join(lines))
    if doc is None:
        doc = CommentedMap()
    layout = layout_of(lines)
    by_section: dict[str, list[tuple[str, Change]]] = {}
    for (section, name), change in changes.items():
        by_section.setdefault(section, []).append((name, change))
    splices: list[_Splice] = []
    for section, items in by_section.items():
        order = section_order.get(section, ())
        items.sort(key=lambda it: list(order).index(it[0]) if it[0] in order else len(order))
        splices.extend(_section_splices(doc, lines, layout, section, items, order, top_order))
    # Bottom to top, so that earlier line numbers stay valid; same place: questionnaire order.
    splices.sort(key=lambda s: (s.start, s.end, s.order), reverse=True)
    for s in _merge_insertions(splices):
        lines[s.start:s.end] = s.lines
    return "".join(line if line.endswith("\n") else line + newline
                   for line in lines).replace("\r\n", "\n").replace("\n", newline)


def _merge_insertions(splices: list[_Splice]) -> Iterable[_Splice]:
    """Insertions at the same line become one, in questionnaire order."""
    out: list[_Splice] = []
    for s in splices:
        if out and s.start == s.end == out[-1].start == out[-1].end:
            out[-1] = _Splice(s.start, s.end, s.lines + out[-1].lines, s.order)
        else:
            out.append(s)
    return out


def _section_splices(doc: Any, lines: list[str], layout: Layout, section: str,
                     items: list[tuple[str, Change]], order: Sequence[str],
                     top_order: Sequence[str]) -> list[_Splice]:
    rank = list(top_order).index(section) if section in top_order else len(top_order)
    if section not in doc:
        node = CommentedMap()
        for name, change in items:
            value = change(None)
            if value is not DELETE:
                _insert_node(node, name, value, order)
        if not node:
            return []
        new = _render(section, node, 0, layout)
        after = _position(list(doc.keys()), top_order, section)
        if after is None:
            at = doc.lc.key(next(iter(doc)))[0] if len(doc) else len(lines)
            # Before the first key (after the file's opening comments), then a blank line.
            return [_Splice(at, at, [*new, "\n"] if len(doc) else new, rank * 1000)]
        start = doc.lc.key(after)[0]
        end = _content_end(lines, start, _top_boundary(doc, after, len(lines)), 0)
        return [_Splice(end, end, ["\n", *new], rank * 1000)]
    node = doc[section]
    if not isinstance(node, CommentedMap) or node.fa.flow_style():
        # An empty section (`profile:`) or one written inline: rewrite the whole section.
        empty = not isinstance(node, CommentedMap)
        if empty:
            node = CommentedMap()
        node.fa.set_block_style()
        for name, change in items:
            value = change(node.get(name))
            if value is DELETE:
                node.pop(name, None)
            elif name in node:
                node[name] = value
            else:
                _insert_node(node, name, value, order)
        if empty and not node:
            return []
        start = doc.lc.key(section)[0]
        if empty:
            # Nothing follows the key but blank lines and comments (the blank questionnaire's
            # example justification, say): they stay, after the new entries.
            new = _render(section, node, 0, layout)
            if lines[start].split("#", 1)[0].strip() == f"{section}:":
                new[0] = lines[start]  # the key's line as it was, with its comment
            return [_Splice(start, start + 1, new, rank * 1000)]
        end = _content_end(lines, start, _top_boundary(doc, section, len(lines)), 0)
        return [_Splice(start, end, _render(section, node, 0, layout, _eol(doc, section)),
                        rank * 1000)]
    out = []
    keys = list(node.keys())
    section_line = doc.lc.key(section)[0]
    for i, (name, change) in enumerate(items):
        if name in node:
            start, column = node.lc.key(name)
            j = keys.index(name)
            boundary = (node.lc.key(keys[j + 1])[0] if j + 1 < len(keys)
                        else _top_boundary(doc, section, len(lines)))
            end = _content_end(lines, start, boundary, column)
            value = change(node[name])
            new = [] if value is DELETE else _render(name, value, column, layout,
                                                      _eol(node, name), section)
            out.append(_Splice(start, end, new, rank * 1000 + i))
            continue
        value = change(None)
        if value is DELETE:
            continue
        after = _position(keys, order, name)
        column = node.lc.key(keys[0])[1] if keys else layout.mapping
        new = _render(name, value, column, layout, None, section)
        if after is None:
            at = section_line + 1
        else:
            a_start, a_column = node.lc.key(after)
            j = keys.index(after)
            boundary = (node.lc.key(keys[j + 1])[0] if j + 1 < len(keys)
                        else _top_boundary(doc, section, len(lines)))
            at = _content_end(lines, a_start, boundary, a_column)
        out.append(_Splice(at, at, new, rank * 1000 + i))
    return out
