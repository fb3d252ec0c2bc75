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
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FileAccessError, SourceSpan, YamlSyntaxError
from .i18n import N_, _

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
#: Counts the problems in parsed data (0: valid); ranks the possible fixes of a syntax error.
Checker = Callable[[Any], int]


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


_SPECIAL = ((stat.S_ISFIFO, N_("this is a named pipe (FIFO), not a regular file")),
            (stat.S_ISCHR, N_("this is a device, not a regular file")),
            (stat.S_ISBLK, N_("this is a device, not a regular file")),
            (stat.S_ISSOCK, N_("this is a socket, not a regular file")))


def _not_regular(mode: int, name: str) -> FileAccessError | None:
    """The error for a directory, pipe, device or socket given where a file is expected."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FileAccessError(_("this is a directory, not a file"), code="PC021",
                               span=SourceSpan(name), hint=_("give the path of a .yaml file"))
    what = next((label for test, label in _SPECIAL if test(mode)),
                N_("this is not a regular file"))
    return FileAccessError(_(what), code="PC021", span=SourceSpan(name),
                           hint=_("give the path of a .yaml file saved on disk"))


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, turning every OS or decoding problem into :class:`FileAccessError`.

    Only regular files are read: a named pipe would block until something writes to it, and a
    device such as ``/dev/zero`` never ends. At most ``max_bytes + 1`` bytes are read, whatever
    size the file system reports.
    """
    name = str(path)
    try:
        info = os.stat(path)
        if error := _not_regular(info.st_mode, name):
            raise error
        if info.st_size > max_bytes:
            raise _too_large(name, max_bytes, info.st_size)
        # O_NONBLOCK: should the path be swapped for a pipe after the check, opening it does
        # not wait for a writer; the descriptor is checked again below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            if error := _not_regular(os.fstat(f.fileno()).st_mode, name):
                raise error
            raw = f.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise FileAccessError(_("file not found"), code="PC020", span=SourceSpan(name),
                              hint=_("check the path; run `paris-check init` to create a "
                                     "questionnaire")) from None
    except PermissionError:
        raise FileAccessError(_("permission denied"), code="PC023", span=SourceSpan(name),
                              hint=_("make the file readable for your user")) from None
    except OSError as exc:
        raise FileAccessError(_("cannot read file (%(reason)s)", reason=exc.strerror), code="PC023",
                              span=SourceSpan(name)) from None
    if len(raw) > max_bytes:
        raise _too_large(name, max_bytes)
    return decode_text(raw, name)


def _too_large(name: str, max_bytes: int, size: int | None = None) -> FileAccessError:
    said = (_("%(num)s bytes", num=format(size, ",")) if size is not None
            else _("more than %(num)s bytes", num=format(max_bytes, ",")))
    return FileAccessError(_("file is too large (%(size)s; the limit is %(limit)s)", size=said,
                             limit=format(max_bytes, ",")),
                           code="PC022", span=SourceSpan(name),
                           hint=_("a questionnaire is a few hundred lines of text"))


def decode_text(raw: bytes, name: str) -> str:
    """Decode UTF-8 bytes; report the line and column of the first invalid byte."""
    if (nul := raw.find(b"\x00", 0, 8192)) >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise FileAccessError(_("this is a binary file, not YAML text"), code="PC024",
                              span=SourceSpan(name, line, col),
                              hint=_("save the questionnaire as plain text (UTF-8)"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise FileAccessError(
            _("byte %(byte)s is not valid UTF-8", byte=format(raw[exc.start], "#04x")), code="PC025",
            span=SourceSpan(name, line, col),
            hint=_("save the file with UTF-8 encoding (in most editors: File > Save with "
                   "encoding)"),
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


def load_yaml_text(text: str, name: str = "<string>", *,
                   check: Checker | None = None) -> LoadedYaml:
    """Parse YAML text into plain data (positions on demand). Raises :class:`YamlSyntaxError`.

    The fast C parser reads the data; when the text is not valid YAML it is parsed again with
    the pure-Python round-trip parser, whose messages and positions are the most precise, and
    the lines before the error are tried with small fixes (a missing colon, a closing quote,
    another indentation...) to point at the line to correct (see :func:`_diagnose`). ``check``
    counts the problems of parsed data, to prefer the fix that leaves the fewest.
    """
    from ruamel.yaml.error import YAMLError

    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise FileAccessError(_("text is too large"), code="PC022", span=SourceSpan(name))
    try:
        docs, positions, starts = _build(_yaml("safe"), text, name)
    except YamlSyntaxError as exc:
        if exc.code == "PC002" and exc.span and exc.span.line:
            # A key twice in a block is often a mis-indented line a few lines above.
            raise _diagnose(text, name, exc.span.line, check, exc) or exc from None
        raise
    except (YAMLError, ValueError, TypeError, RecursionError):
        raise _precise_error(text, name, check) from None
    kept = [(d, start) for d, start in zip(docs, starts, strict=True) if d is not None]
    if not kept:
        raise YamlSyntaxError(_("the file is empty"), code="PC005", span=SourceSpan(name, 1, 1),
                              hint=_("start from `paris-check init`, which writes a blank "
                                     "questionnaire"))
    if len(kept) > 1:
        raise _second_document(name, kept[1][1])
    return LoadedYaml(data=kept[0][0], path=name, text=text, positions=positions)


def _second_document(name: str, line: int) -> YamlSyntaxError:
    return YamlSyntaxError(
        _("a second YAML document starts here (a line with ---)"), code="PC006",
        span=SourceSpan(name, line, 1),
        hint=_("a file holds one questionnaire: delete the --- line, or move what follows it "
               "into a file of its own"))


def _precise_error(text: str, name: str, check: Checker | None = None) -> YamlSyntaxError:
    """Re-parse with the pure-Python round-trip loader to describe a YAML error precisely."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        list(yaml.load_all(text))
    except MarkedYAMLError as exc:
        error = _syntax_error(exc, name)
        if error.code == "PC001" and error.span and error.span.line:
            return _diagnose(text, name, error.span.line, check, error) or error
        return error
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        char = getattr(exc, "character", None)
        if isinstance(position, int) and char is not None:
            before = text[:position]
            line = before.count("\n") + 1
            col = position - (before.rfind("\n") + 1) + 1
            code = ord(char) if isinstance(char, str) else int(char)
            return YamlSyntaxError(
                _("the file contains the control character %(char)s, which YAML does not allow",
                  char="U+" + format(code, "04X")),
                code="PC007", span=SourceSpan(name, line, col),
                hint=_("delete it (it is often pasted in invisibly from a word processor)"))
        if not str(exc).strip():
            return YamlSyntaxError(_("invalid YAML"), span=SourceSpan(name))
        first = str(exc).strip().splitlines()[0]
        return YamlSyntaxError(_("invalid YAML: %(problem)s", problem=first), span=SourceSpan(name))
    except RecursionError:
        return YamlSyntaxError(_("the document is nested too deeply"), code="PC004",
                               span=SourceSpan(name))
    return YamlSyntaxError(_("custom YAML tags (!tag) and other non-data constructs are not "
                             "allowed"),
                           code="PC003", span=SourceSpan(name),
                           hint=_("write plain values, lists and `key: value` blocks"))


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
        raise YamlSyntaxError(_("%(value)s cannot be read as %(kind)s", value=repr(value),
                                kind=kind), code="PC003")
    return value


def _build(yaml: Any, text: str, name: str
           ) -> tuple[list[Any], dict[Loc, tuple[int, int]], list[int]]:
    """Build plain data and 1-based positions from the event stream, in one pass.

    Returns the documents, the positions and the line on which each document starts.
    Refuses anchors, aliases, unsafe tags, duplicate keys, non-scalar keys, excessive nesting
    and huge node counts before any object could grow out of control.
    """
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
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
    starts: list[int] = []
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
                raise YamlSyntaxError(_("a key must be a plain word or text"), code="PC001",
                                      span=where(event))
            key = value if isinstance(value, str) else str(value)
            if key in container:
                first = positions.get((*loc, key), (0, 0))[0]
                raise YamlSyntaxError(
                    _("key %(key)s appears twice in the same block (first written on line "
                      "%(line)s)", key=repr(_cut(key)), line=first), code="PC002",
                    span=where(event), hint=_("keep one of the two and delete the other"))
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
                _("YAML aliases (*name) are not allowed in paris_check files"), code="PC003",
                span=where(event),
                hint=_("write the value out in full instead of referring to an anchor"))
        if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlSyntaxError(_("the document has more than %(num)s values",
                                        num=format(MAX_NODES, ",")),
                                      code="PC004", span=SourceSpan(name))
            if getattr(event, "anchor", None):
                raise YamlSyntaxError(
                    _("YAML anchors (&name) are not allowed in paris_check files"), code="PC003",
                    span=where(event), hint=_("remove the anchor"))
            tag = getattr(event, "tag", None)
            if tag and tag != "!" and tag not in SAFE_TAGS:
                raise YamlSyntaxError(
                    _("the YAML tag %(tag)s is not allowed", tag=repr(tag)), code="PC003",
                    span=where(event),
                    hint=_("remove the tag (the text starting with !) and write a plain value"))
        if isinstance(event, ScalarEvent):
            try:
                value = _resolve(event)
            except YamlSyntaxError as exc:
                raise YamlSyntaxError(exc.message, code=exc.code, span=where(event)) from None
            add(value, event)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlSyntaxError(
                    _("the document is nested more than %(num)s levels deep", num=MAX_DEPTH),
                    code="PC004", span=where(event),
                    hint=_("a questionnaire needs only a few levels; look for unclosed [ or {"))
            container: Any = {} if isinstance(event, MappingStartEvent) else []
            loc = add(container, event)
            if loc is None:
                raise YamlSyntaxError(_("a key must be a plain word or text"), code="PC001",
                                      span=where(event))
            stack.append([container, loc, _NO_KEY])
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
        elif isinstance(event, DocumentStartEvent):
            starts.append(event.start_mark.line + 1)
        elif isinstance(event, DocumentEndEvent):
            docs.append(root)
            root = None
    return docs, positions, starts

_INDENT_HINT = N_("check the indentation: keys of the same block start in the same column "
                   "(spaces, not tabs), and each `key: value` has a space after the colon")
_QUOTE_HINT = N_('put the text in double quotes, e.g. name: "Commission: the Republic"')

# Parser messages in plain words: (words in the parser's message, message, hint).
_PLAIN_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed",
     N_("a colon and a space (': ') where YAML does not expect a new key"),
     _QUOTE_HINT),
    ("could not find expected ':'",
     N_("a line without the colon of `key: value`"),
     N_("write a colon and a space after the key, e.g. `country: Aldoria`")),
    ("but found '<block mapping start>'",
     N_("this line is indented more than the key it follows, which already has a value"),
     _INDENT_HINT),
    ("but found '<block sequence start>'",
     N_("a list here does not fit the lines above it"),
     _INDENT_HINT),
    ("but found '<scalar>'",
     N_("text after a value that is already complete"),
     N_('put the whole value in double quotes; a " inside it is written \\"')),
    ("but found '-'",
     N_("a list item (-) where a `key: value` line was expected"),
     _INDENT_HINT),
    ("but found ']'",
     N_("a ] that closes no ["),
     N_("delete it, or open the list with [ before it")),
    ("but found '}'",
     N_("a } that closes no {"),
     N_("delete it, or open the block with { before it")),
    ("but found '['",
     N_("a [ where no list can start"),
     _QUOTE_HINT),
    ("but found '{'",
     N_("a { where no block can start"),
     _QUOTE_HINT),
    ("chomping or indentation indicators",
     N_("a | or > (which start a block of text) followed by other text"),
     N_("put the text in double quotes, or start the block of text on the next line")),
    ("but found '?'",
     N_("a line here does not fit the block above it"),
     _INDENT_HINT),
    ("expected '<document start>'",
     N_("this line does not fit the lines above it"),
     _INDENT_HINT),
    ("did not find expected key",
     N_("this line does not fit the block of `key: value` lines above it"),
     _INDENT_HINT),
    ("did not find expected '-' indicator",
     N_("a line in a list does not start with '- '"),
     N_("start every item of the list with a dash and a space, in the same column")),
    ("did not find expected node content",
     N_("a value is missing"),
     N_("write a value after the colon, or nothing at all to leave the question unanswered")),
    ("but found '<stream end>'",
     N_("the file ends where a value was expected"),
     N_("finish the value, and close any [ or { that is still open")),
    ("sequence entries are not allowed",
     N_("a list item (- ...) on the same line as a key"),
     N_("write the list on the following lines, each item starting with '- '")),
    ("found unknown escape character",
     N_("a backslash inside double quotes starts an escape"),
     N_("write \\\\ for a backslash, or put the text in single quotes")),
    ("expected alphabetic or numeric character",
     N_("a * or & that YAML reads as an alias or anchor"),
     _QUOTE_HINT),
    ("found character '\\t'",
     N_("a tab character"),
     N_("replace tab characters with spaces")),
    ("cannot start any token",
     N_("a character that cannot start a value here"),
     _QUOTE_HINT),
    ("expected a comment or a line break",
     N_("text after a value that is already complete"),
     _QUOTE_HINT),
    ("expected ',' or ']'",
     N_("a [...] list is not closed or lacks a comma"),
     N_("separate the items with commas and close the list with ]")),
    ("expected ',' or '}'",
     N_("a {...} block is not closed or lacks a comma"),
     N_("separate the entries with commas and close the block with }")),
)


_JARGON = re.compile(r"<|scalar|token|node|indicator|mapping|sequence|expected")


def _syntax_error(exc: Any, name: str) -> YamlSyntaxError:
    """A one-line, jargon-free description of a ruamel.yaml error."""
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if isinstance(exc, DuplicateKeyError):
        first = exc.context_mark
        key = problem.split('"')[1] if '"' in problem else ""
        message = (_("key %(key)s appears twice in the same block (first written on line "
                     "%(line)s)", key=repr(_cut(key)), line=first.line + 1) if first else
                   _("key %(key)s appears twice in the same block", key=repr(_cut(key))))
        return YamlSyntaxError(message, code="PC002", span=SourceSpan(name, line, col),
                               hint=_("keep one of the two and delete the other"))
    context = (exc.context or "").strip()
    start = exc.context_mark
    if start and "quoted scalar" in context:
        # An unclosed quote: point at the quote, not where the parser gave up.
        return YamlSyntaxError(
            _("this quote is not closed"),
            span=SourceSpan(name, start.line + 1, start.column + 1),
            hint=_("close the quote opened on line %(line)s: end the text with the same quote "
                   "mark", line=start.line + 1))
    if start and ("flow sequence" in context or "flow mapping" in context):
        bracket = "[" if "sequence" in context else "{"
        return YamlSyntaxError(
            _("this %(bracket)s is not closed", bracket=bracket),
            span=SourceSpan(name, start.line + 1, start.column + 1),
            hint=_("close the bracket or brace opened on line %(line)s, and separate its items "
                   "with commas", line=start.line + 1))
    plain = next(((m, h) for words, m, h in _PLAIN_PROBLEMS if words in problem), None)
    if plain is None and _JARGON.search(problem):
        plain = (N_("this line does not fit the lines above it"), _INDENT_HINT)
    # The parser's own words (``problem``) are English: they are quoted as they are.
    message, hint = (_(plain[0]), _(plain[1])) if plain else (problem, _(_INDENT_HINT))
    return YamlSyntaxError(_("invalid YAML: %(problem)s", problem=message),
                           span=SourceSpan(name, line, col), hint=hint)


# --------------------------------------------------------------------------- diagnosis
#
# The parser notices a mistake where the text stops making sense, often lines after the
# mistake itself: an un-indented key is reported where the next key fails to line up, an
# unclosed quote where the next quote closes it. _diagnose tries small fixes on the lines
# before the error (add a colon, close a quote, quote a text, change an indentation), keeps
# those after which the text parses further, prefers the one that leaves the fewest
# problems, and reports the line it changed with what to write there.

DIAGNOSE_MAX_CHARS = 200_000  # beyond this (the blank template is ~70 KB) plain messages only
_WINDOW = 25  # content lines before the error where indentation and colon fixes are tried
_QUOTE_WINDOW = 400  # lines before the error searched for an unclosed quote
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_KEY_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s|$)")
_BARE_WORDS = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)(?:\s+(?P<rest>[^:#]*?))?\s*$")
_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>[^\s:/].*)$")
_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+|\s*-\s+)(?P<value>\S.*?)\s*$")
_DASH = re.compile(r"^(?P<lead>\s*)-(?P<rest>[^\s-].*)$")
_CURLY = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"}


@dataclass(frozen=True)
class _Fix:
    """A one-line change to try: the new text of line ``index`` (0-based), where to point
    (``column``), what to tell the user, and how specific the kind of fix is (0: most)."""

    index: int
    text: str
    column: int
    message: str
    hint: str
    rank: int


def _diagnose(text: str, name: str, line: int, check: Checker | None,
              error: YamlSyntaxError) -> YamlSyntaxError | None:
    """A located error naming the line to fix and what to write there, or ``None``.

    ``line`` is where the parser gave up (1-based); ``error`` is what it said. A duplicate key
    (PC002) is only re-described when a fix makes the whole file parse.
    """
    lines = _BREAKS.split(text)
    if not 0 < line <= len(lines):
        return None
    marker = _document_marker(lines, line)
    if marker:
        return _second_document(name, marker)
    if len(text) > DIAGNOSE_MAX_CHARS:
        return None
    strict = error.code == "PC002"
    # A fix must do at least as well as deleting the line the parser stopped at; otherwise
    # that line itself is the mistake (and a fix elsewhere merely hides it, e.g. in a text).
    reference = _score(lines, _Fix(line - 1, "", 1, "", "", 0), line, name, check)
    best: tuple[tuple[int, ...], _Fix] | None = None
    for fix in _fixes(lines, line):
        score = _score(lines, fix, line, name, check)
        if score is None or (strict and score[0] != 2) or (reference and score < reference):
            continue
        key = (*score, -fix.rank, -abs(line - 1 - fix.index))
        if best is None or key > best[0]:
            best = (key, fix)
        if score == (2, 0) and fix.rank == 0:
            break  # the whole file is valid after the most specific kind of fix
    if best is None:
        return None
    fix = best[1]
    return YamlSyntaxError(fix.message, code="PC001",
                           span=SourceSpan(name, fix.index + 1, fix.column), hint=fix.hint)


def _document_marker(lines: list[str], line: int) -> int:
    """The line of a ``---`` that starts a second document before ``line`` (0 if none)."""
    content = False
    for i, text in enumerate(lines[:line]):
        if re.match(r"---(\s|$)", text) and content:
            return i + 1
        stripped = text.strip()
        if stripped and not stripped.startswith(("#", "%", "---", "...")):
            content = True
    return 0


def _score(lines: list[str], fix: _Fix, line: int, name: str,
           check: Checker | None) -> tuple[int, int] | None:
    """How far the text parses after ``fix``: (2, -problems) when all of it, (1, line of the
    next error) when beyond ``line``, ``None`` otherwise."""
    from ruamel.yaml.error import YAMLError

    patched = "\n".join([*lines[: fix.index], fix.text, *lines[fix.index + 1:]])
    try:
        for _ in _yaml("safe").parse(patched):  # most tries fail here, faster than _build
            pass
        docs, _, _ = _build(_yaml("safe"), patched, name)
    except YamlSyntaxError as exc:
        at = exc.span.line if exc.span else 0
        return (1, at) if at > line else None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = mark.line + 1 if mark is not None else 0
        return (1, at) if at > line else None
    kept = [d for d in docs if d is not None]
    if len(kept) != 1:
        return None
    return (2, -check(kept[0])) if check else (2, 0)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _fixes(lines: list[str], line: int) -> Iterable[_Fix]:
    """Candidate fixes, the most specific first: quotes, colons, dashes, then indentation."""
    last = min(line, len(lines)) - 1
    window = [i for i in range(last, -1, -1) if _content(lines[i])][:_WINDOW]
    for i in (i for i in range(last, max(-1, last - _QUOTE_WINDOW), -1) if _content(lines[i])):
        fix = _close_quote(lines[i], i)
        if fix:
            yield fix
    for i in window:
        yield from _text_fixes(lines[i], i)
    for i in window:
        yield from _indent_fixes(lines, i)


def _closing(text: str, quote: str) -> int:
    """Index in ``text`` just after the quote that closes a scalar opened before it, or -1."""
    i = 0
    while i < len(text):
        c = text[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and text[i + 1: i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _opening_quote(text: str) -> tuple[int, str] | None:
    """Where a quoted value starts on this line (after ``key:`` or ``-``), if one does."""
    match = _VALUE.match(text)
    if match and match["value"][:1] in "\"'":
        return match.start("value"), match["value"][0]
    stripped = text.lstrip(" ")
    if stripped[:1] in "\"'":
        return len(text) - len(stripped), stripped[0]
    return None


def _close_quote(text: str, i: int) -> _Fix | None:
    found = _opening_quote(text)
    if not found:
        return None
    at, quote = found
    if _closing(text[at + 1:], quote) >= 0:
        return None
    return _Fix(i, text.rstrip() + quote, at + 1, _("this quote is not closed on its line"),
                _("end the text with %(quote)s on this line; YAML otherwise reads the lines "
                  "below as part of the text", quote=quote), 0)


def _text_fixes(text: str, i: int) -> Iterable[_Fix]:
    col = _indent(text) + 1
    if match := _NO_SPACE.match(text):
        fixed = f"{match['lead']}{match['key']}: {match['rest']}"
        yield _Fix(i, fixed, col, _("no space after the colon of %(key)s", key=repr(match["key"])),
                   _("write `%(text)s`", text=fixed.strip()), 0)
    elif (match := _BARE_WORDS.match(text)) and not _KEY_LINE.match(text) and (
            match["rest"] or not match["lead"].strip()):
        fixed = f"{match['lead']}{match['key']}:" + (f" {match['rest']}" if match["rest"] else "")
        yield _Fix(i, fixed, col, _("missing colon after %(key)s", key=repr(match["key"])),
                   _("write `%(text)s`", text=fixed.strip()), 0)
    if match := _DASH.match(text):
        fixed = f"{match['lead']}- {match['rest']}"
        yield _Fix(i, fixed, col, _("a list item needs a space after the dash"),
                   _("write `%(text)s`", text=fixed.strip()), 0)
    if match := _VALUE.match(text):
        yield from _quote_fixes(match, i)


def _quote_fixes(match: re.Match[str], i: int) -> Iterable[_Fix]:
    import json

    lead, value = match["lead"], match["value"]
    col = match.start("value") + 1
    if value[0] in _CURLY:
        inner = value[1:-1] if value[-1:] in _CURLY else value[1:]
        fixed = lead + json.dumps(inner, ensure_ascii=False)
        yield _Fix(i, fixed, col, _("curly quotes (“ ” or ‘ ’) are not quotes in YAML"),
                   _('use straight double quotes: `%(text)s` (word processors turn " into “ ”)',
                     text=fixed.strip()), 1)
    elif value[0] in "\"'":
        end = _closing(value[1:], value[0])
        if 0 <= end < len(value) - 1:
            inner = value[1:-1] if value[-1] == value[0] else value
            fixed = lead + json.dumps(inner.replace("''", "'"), ensure_ascii=False)
            yield _Fix(i, fixed, col, _("the text goes on after its closing quote"),
                       _("put the whole text in double quotes: `%(text)s`", text=fixed.strip()), 1)
    elif value[0] not in "[{|>&*!%@`" and ": " in value:
        plain = value.split(" #", 1)[0].rstrip()
        fixed = lead + json.dumps(plain, ensure_ascii=False)
        yield _Fix(i, fixed, col, _("the text contains ': ' (a colon and a space), which YAML "
                                    "reads as the start of a new key"),
                   _("put the text in double quotes: `%(text)s`", text=fixed.strip()), 1)


def _indent_fixes(lines: list[str], i: int) -> Iterable[_Fix]:
    text = lines[i]
    current = _indent(text)
    if "\t" in text[: current + 1]:
        return
    stripped = text.lstrip(" ")
    match = _KEY_LINE.match(text)
    what = repr(match["key"]) if match else (_("this list item") if stripped.startswith("-")
                                             else _("this line"))
    if current == 0:
        said = _("%(what)s is not indented, which does not line up with the lines around it",
                 what=what)
    elif current == 1:
        said = _("%(what)s is indented by 1 space, which does not line up with the lines around "
                 "it", what=what)
    else:
        said = _("%(what)s is indented by %(num)s spaces, which does not line up with the lines "
                 "around it", what=what, num=current)
    for depth in _depths(lines, i):
        if depth == current:
            continue
        like = next((j for j in range(i - 1, -1, -1)
                     if _content(lines[j]) and _indent(lines[j]) == depth), None)
        hint = (_("indent it by 1 space") if depth == 1 else
                _("indent it by %(num)s spaces", num=depth) if depth else
                _("write it at the start of the line"))
        if like is not None:
            other = _KEY_LINE.match(lines[like])
            ref = repr(other["key"]) if other else _("the line")
            hint = _("%(hint)s, like %(ref)s on line %(line)s", hint=hint, ref=ref, line=like + 1)
        yield _Fix(i, " " * depth + stripped, current + 1, said, hint, 2)


def _depths(lines: list[str], i: int) -> list[int]:
    """Indentations that line ``i`` could have: those of the blocks open above it."""
    depths: list[int] = []
    ceiling: int | None = None
    for j in range(i - 1, -1, -1):
        if not _content(lines[j]):
            continue
        depth = _indent(lines[j])
        if not depths:
            depths.append(depth)
            if _KEY_LINE.match(lines[j]) and lines[j].rstrip().endswith(":"):
                depths.append(depth + 2)  # a key with nothing after it opens a block
            ceiling = depth
        elif ceiling is not None and depth < ceiling:
            depths.append(depth)
            ceiling = depth
        if ceiling == 0:
            break
    return sorted(set(depths) | {0})


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
        raise YamlSyntaxError(_("custom YAML tags (!tag) are not allowed"), code="PC003",
                              span=SourceSpan("<yaml>"))
    return node


def _cut(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters (an echoed value must not flood the terminal)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``word`` (typo help), or ``None``."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


def as_mapping(value: Any) -> Mapping[str, Any] | None:
    """``value`` if it is a mapping, else ``None``."""
    return value if isinstance(value, Mapping) else None
