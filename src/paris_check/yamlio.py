"""Safe YAML loading with source positions, and mapping of validation errors to positions.

YAML is parsed with ruamel.yaml (YAML 1.2: ``no`` stays the string ``"no"``; duplicate keys are
errors). Before anything is built, the event stream is checked: anchors/aliases (the "billion
laughs" alias bomb), excessive nesting, several documents and oversized files are refused with a
one-line message. The result is plain Python data plus a table of positions, so that pydantic
errors can be reported as ``file:line:col``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import FileAccessError, SourceSpan, YamlSyntaxError

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000
_NO_KEY = object()
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?(\.inf|\.Inf|\.INF)$")
_NAN = re.compile(r"^(\.nan|\.NaN|\.NAN)$")
SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq",
                                               "map")}

Loc = tuple[str | int, ...]


class LoadedYaml:
    """Plain data loaded from YAML; 1-based positions of keys and items computed on demand."""

    def __init__(self, data: Any, path: str, text: str | None = None,
                 positions: dict[Loc, tuple[int, int]] | None = None) -> None:
        self.data = data
        self.path = path
        self._text = text
        self._positions = positions

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        """Positions, from a second (round-trip) parse made only when an error needs them."""
        if self._positions is None:
            self._positions = {}
            if self._text is not None:
                from ruamel.yaml import YAML
                from ruamel.yaml.error import YAMLError

                try:
                    doc = YAML(typ="rt", pure=True).load(self._text)
                except (YAMLError, RecursionError):
                    # The fast parser accepted text the strict one rejects (seen with odd block
                    # scalars): report the strict parser's syntax error rather than crash.
                    raise _precise_error(self._text, self.path) from None
                _plain(doc, (), self._positions)
        return self._positions

    def span(self, loc: Iterable[str | int]) -> SourceSpan:
        """The position of ``loc`` or of its nearest ancestor that has one."""
        parts = tuple(loc)
        positions = self.positions
        while parts:
            if parts in positions:
                line, col = positions[parts]
                return SourceSpan(self.path, line, col)
            parts = parts[:-1]
        return SourceSpan(self.path, 1, 1)


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, turning every OS or decoding problem into :class:`FileAccessError`."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise FileAccessError("file not found", code="PC020", span=SourceSpan(name),
                              hint="check the path; run `paris-check init` to create a questionnaire")
    if p.is_dir():
        raise FileAccessError("this is a directory, not a file", code="PC021",
                              span=SourceSpan(name), hint="give the path of a .yaml file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise FileAccessError(
                f"file is too large ({size:,} bytes; the limit is {max_bytes:,})", code="PC022",
                span=SourceSpan(name), hint="a questionnaire is a few hundred lines of text")
        raw = p.read_bytes()
    except PermissionError:
        raise FileAccessError("permission denied", code="PC023", span=SourceSpan(name),
                              hint="make the file readable for your user") from None
    except OSError as exc:
        raise FileAccessError(f"cannot read file ({exc.strerror})", code="PC023",
                              span=SourceSpan(name)) from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """Decode UTF-8 bytes; report the line and column of the first invalid byte."""
    if (nul := raw.find(b"\x00", 0, 8192)) >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise FileAccessError("this is a binary file, not YAML text", code="PC024",
                              span=SourceSpan(name, line, col),
                              hint="save the questionnaire as plain text (UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise FileAccessError(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", code="PC025",
            span=SourceSpan(name, line, col),
            hint="save the file with UTF-8 encoding (in most editors: File > Save with encoding)",
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml_file(path: str | os.PathLike[str]) -> LoadedYaml:
    """Read and parse a YAML file safely; see :func:`load_yaml_text`."""
    return load_yaml_text(read_text(path), str(path))


def _yaml(kind: str) -> Any:
    from ruamel.yaml import YAML

    try:
        yaml = YAML(typ=kind, pure=False)  # libyaml parser when ruamel.yaml.clib is present
    except Exception:  # pragma: no cover - pure-Python fallback
        yaml = YAML(typ=kind, pure=True)
    yaml.allow_duplicate_keys = False
    return yaml


def cache_dir() -> Path | None:
    """Where parsed data files are cached (``PARIS_CHECK_CACHE_DIR``, else the user cache).

    ``PARIS_CHECK_CACHE_DIR=""`` disables the cache.
    """
    configured = os.environ.get("PARIS_CHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "paris_check"


def load_data_file(path: str | os.PathLike[str]) -> LoadedYaml:
    """Load a trusted data file (rule pack, standards catalogue) with a content-addressed cache.

    Parsing YAML in Python costs ~15 ms per pack; the parsed data is cached as JSON under
    :func:`cache_dir`, keyed by the SHA-256 of the file's text and the parser version, so a
    changed file is always parsed again. Any cache problem falls back to parsing.
    """
    import hashlib
    import json

    text = read_text(path)
    directory = cache_dir()
    key = None
    if directory is not None:
        from ruamel.yaml import __version__ as ruamel_version

        key = hashlib.sha256(f"{ruamel_version}\0{text}".encode("utf-8", "surrogatepass"))
        cached = directory / f"{key.hexdigest()}.json"
        try:
            return LoadedYaml(json.loads(cached.read_text("utf-8")), str(path), text)
        except (OSError, ValueError):
            pass
    loaded = load_yaml_text(text, str(path))
    if directory is not None and key is not None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp = directory / f".{key.hexdigest()}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(loaded.data), "utf-8")
            os.replace(tmp, directory / f"{key.hexdigest()}.json")
        except (OSError, TypeError, ValueError):
            pass
    return loaded


def load_yaml_text(text: str, name: str = "<string>") -> LoadedYaml:
    """Parse YAML text into plain data (positions on demand). Raises :class:`YamlSyntaxError`.

    The fast C parser reads the data; when the text is not valid YAML it is parsed again with
    the pure-Python round-trip parser, whose messages and positions are the most precise.
    """
    from ruamel.yaml.error import YAMLError

    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise FileAccessError("text is too large", code="PC022", span=SourceSpan(name))
    try:
        docs, positions = _build(_yaml("safe"), text, name)
    except YamlSyntaxError:
        raise
    except (YAMLError, ValueError, TypeError, RecursionError):
        raise _precise_error(text, name) from None
    docs = [d for d in docs if d is not None]
    if not docs:
        raise YamlSyntaxError("the file is empty", code="PC005", span=SourceSpan(name, 1, 1),
                              hint="start from `paris-check init`, which writes a blank questionnaire")
    if len(docs) > 1:
        raise YamlSyntaxError("the file holds several YAML documents (separated by ---)",
                              code="PC006", span=SourceSpan(name, 1, 1),
                              hint="keep one questionnaire per file")
    return LoadedYaml(data=docs[0], path=name, text=text, positions=positions)


def _precise_error(text: str, name: str) -> YamlSyntaxError:
    """Re-parse with the pure-Python round-trip loader to describe a YAML error precisely."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        list(yaml.load_all(text))
    except MarkedYAMLError as exc:
        return _syntax_error(exc, name)
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        char = getattr(exc, "character", None)
        if isinstance(position, int) and char is not None:
            before = text[:position]
            line = before.count("\n") + 1
            col = position - (before.rfind("\n") + 1) + 1
            code = ord(char) if isinstance(char, str) else int(char)
            return YamlSyntaxError(
                f"the file contains the control character U+{code:04X}, which YAML does not allow",
                code="PC007", span=SourceSpan(name, line, col),
                hint="delete it (it is often pasted in invisibly from a word processor)")
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        return YamlSyntaxError(f"invalid YAML: {first}", span=SourceSpan(name))
    except RecursionError:
        return YamlSyntaxError("the document is nested too deeply", code="PC004",
                               span=SourceSpan(name))
    return YamlSyntaxError("custom YAML tags (!tag) and other non-data constructs are not allowed",
                           code="PC003", span=SourceSpan(name),
                           hint="write plain values, lists and `key: value` blocks")


def _resolve(event: Any) -> Any:
    """The value of a scalar under the YAML 1.2 core schema (``no`` stays a string)."""
    value = event.value
    tag = event.tag
    if tag in (None, "!") and (event.style or not event.implicit[0]):
        return value  # quoted or block scalar: always text
    kind = tag.rsplit(":", 1)[-1] if tag and tag != "!" else None
    if kind == "str":
        return value
    if kind in (None, "null") and _NULL.match(value):
        return None
    if kind in (None, "bool") and value in _BOOL:
        return _BOOL[value]
    if kind in (None, "int"):
        if _INT10.match(value):
            return int(value)
        if _INT8.match(value):
            return int(value[2:], 8)
        if _INT16.match(value):
            return int(value[2:], 16)
    if kind in (None, "float", "int"):
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.match(value):
            return float("nan")
    if kind is not None:
        raise YamlSyntaxError(f"{value!r} cannot be read as {kind}", code="PC003")
    return value


def _build(yaml: Any, text: str, name: str) -> tuple[list[Any], dict[Loc, tuple[int, int]]]:
    """Build plain data and 1-based positions from the event stream, in one pass.

    Refuses anchors, aliases, unsafe tags, duplicate keys, non-scalar keys, excessive nesting
    and huge node counts before any object could grow out of control.
    """
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    def where(event: Any) -> SourceSpan:
        mark = event.start_mark
        return SourceSpan(name, mark.line + 1, mark.column + 1)

    docs: list[Any] = []
    positions: dict[Loc, tuple[int, int]] = {}
    # Each frame: [container, loc, pending key (or _NO_KEY), line/col of the pending key]
    stack: list[list[Any]] = []
    root: Any = None
    nodes = 0

    def add(value: Any, event: Any) -> Loc | None:
        nonlocal root
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            root = value
            return ()
        frame = stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            child = (*loc, len(container))
            container.append(value)
            positions[child] = pos
            return child
        if frame[2] is _NO_KEY:
            if isinstance(value, dict | list):
                raise YamlSyntaxError("a key must be a plain word or text", code="PC001",
                                      span=where(event))
            key = value if isinstance(value, str) else str(value)
            if key in container:
                first = positions.get((*loc, key), (0, 0))[0]
                raise YamlSyntaxError(
                    f"key {key!r} appears twice in the same block (first written on line "
                    f"{first})", code="PC002", span=where(event),
                    hint="keep one of the two and delete the other")
            frame[2] = key
            positions[(*loc, key)] = pos
            return None
        child = (*loc, frame[2])
        container[frame[2]] = value
        frame[2] = _NO_KEY
        return child

    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            raise YamlSyntaxError(
                "YAML aliases (*name) are not allowed in paris_check files", code="PC003",
                span=where(event),
                hint="write the value out in full instead of referring to an anchor")
        if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlSyntaxError(f"the document has more than {MAX_NODES:,} values",
                                      code="PC004", span=SourceSpan(name))
            if getattr(event, "anchor", None):
                raise YamlSyntaxError(
                    "YAML anchors (&name) are not allowed in paris_check files", code="PC003",
                    span=where(event), hint="remove the anchor")
            tag = getattr(event, "tag", None)
            if tag and tag != "!" and tag not in SAFE_TAGS:
                raise YamlSyntaxError(
                    f"the YAML tag {tag!r} is not allowed", code="PC003", span=where(event),
                    hint="remove the tag (the text starting with !) and write a plain value")
        if isinstance(event, ScalarEvent):
            try:
                value = _resolve(event)
            except YamlSyntaxError as exc:
                raise YamlSyntaxError(exc.message, code=exc.code, span=where(event)) from None
            add(value, event)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlSyntaxError(
                    f"the document is nested more than {MAX_DEPTH} levels deep", code="PC004",
                    span=where(event),
                    hint="a questionnaire needs only a few levels; look for unclosed [ or {")
            container: Any = {} if isinstance(event, MappingStartEvent) else []
            loc = add(container, event)
            if loc is None:
                raise YamlSyntaxError("a key must be a plain word or text", code="PC001",
                                      span=where(event))
            stack.append([container, loc, _NO_KEY])
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
        elif isinstance(event, DocumentEndEvent):
            docs.append(root)
            root = None
    return docs, positions

_PLAIN_CONTEXT = {
    "a quoted scalar": "quoted text",
    "a flow sequence": "a [...] list",
    "a flow mapping": "a {...} block",
    "a block mapping": "a block of `key: value` lines",
    "a block collection": "a block of lines",
}


def _syntax_error(exc: Any, name: str) -> YamlSyntaxError:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if isinstance(exc, DuplicateKeyError):
        first = exc.context_mark
        where = f" (first written on line {first.line + 1})" if first else ""
        key = problem.split('"')[1] if '"' in problem else ""
        return YamlSyntaxError(
            f"key {key!r} appears twice in the same block{where}", code="PC002",
            span=SourceSpan(name, line, col), hint="keep one of the two and delete the other")
    hint = "check indentation (spaces, not tabs) and that each `key: value` has a space after ':'"
    if "\\t" in problem or "tab" in problem.lower():
        hint = "replace tab characters with spaces"
    context = (exc.context or "").strip()
    start = exc.context_mark
    if context and start and exc.problem and (start.line, start.column) != (line - 1, col - 1):
        # e.g. an unclosed quote: say where the unfinished value started, not only where the
        # parser gave up (often the end of the file).
        for jargon, plain in _PLAIN_CONTEXT.items():
            context = context.replace(jargon, plain)
        problem += f" {context} that starts at line {start.line + 1}, column {start.column + 1}"
        if "quoted" in context:
            hint = f"close the quote opened on line {start.line + 1}"
        elif "flow" in (exc.context or ""):
            hint = f"close the bracket or brace opened on line {start.line + 1}"
    return YamlSyntaxError(f"invalid YAML: {problem}", span=SourceSpan(name, line, col), hint=hint)


def _plain(node: Any, loc: Loc, positions: dict[Loc, tuple[int, int]]) -> Any:
    """Convert ruamel round-trip containers to dict/list, recording positions."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            line, col = node.lc.key(key)
            child = (*loc, str(key))
            positions[child] = (line + 1, col + 1)
            out[str(key) if not isinstance(key, str) else key] = _plain(node[key], child, positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, item in enumerate(node):
            line, col = node.lc.item(i)
            positions[(*loc, i)] = (line + 1, col + 1)
            items.append(_plain(item, (*loc, i), positions))
        return items
    if isinstance(node, ScalarString):
        return str(node)
    if type(node).__name__ in {"ScalarFloat", "ScalarInt", "ScalarBoolean"}:
        return type(node).__mro__[1](node) if not isinstance(node, bool) else bool(node)
    if hasattr(node, "tag") and type(node).__name__.startswith("Tagged"):
        raise YamlSyntaxError("custom YAML tags (!tag) are not allowed", code="PC003",
                              span=SourceSpan("<yaml>"))
    return node


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``word`` (typo help), or ``None``."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


def as_mapping(value: Any) -> Mapping[str, Any] | None:
    """``value`` if it is a mapping, else ``None``."""
    return value if isinstance(value, Mapping) else None
