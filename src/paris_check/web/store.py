"""The questionnaire file behind the page: read it, check it, merge the form's changes, save.

Every version of the file the page was shown is identified by the SHA-256 of its text (its
*digest*). A save names the version the page showed (the *base*). When the file on disk is
still that version, the changes are applied to it. When another program (a text editor) has
changed it since, the form's changes are applied to the new version only if none of the
questions they touch was changed by the other program; otherwise nothing is written and the
page says which answers conflict. A candidate text that would not pass ``paris-check validate``
is never written: the located messages of the check are returned, by question.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, ParisCheckError
from ..questionnaire.catalogue import questions, sections
from . import form, yamledit

if TYPE_CHECKING:
    from ..questionnaire.model import Questionnaire
    from ..results import Assessment

NO_FILE = "none"
"""The digest of a file that does not exist yet."""
MAX_VERSIONS = 32
MAX_ROUNDS = 5

SaveStatus = Literal["saved", "unchanged", "invalid", "conflict", "stale", "broken"]


def new_file_text() -> str:
    """What a questionnaire started from the page holds before its first answer."""
    schema = Path(__file__).resolve().parents[1] / "schemas" / "questionnaire.schema.json"
    return (f"# yaml-language-server: $schema={schema.as_uri()}\n"
            "#\n"
            "# paris_check self-assessment questionnaire, filled in with `paris-check serve`.\n"
            "# It is plain text: edit it in any text editor too. A blank questionnaire with every\n"
            "# question explained: `paris-check init`.\n"
            'schema_version: "1.0"\n')


def digest_of(text: str | None) -> str:
    """The SHA-256 of ``text`` (:data:`NO_FILE` for a file that does not exist)."""
    return NO_FILE if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _order() -> tuple[list[str], dict[str, list[str]]]:
    top = ["schema_version", *(s.id for s in sections()), "justifications"]
    return top, {s.id: [q.name for q in s.questions if form.editable(q)] for s in sections()}


def question_of(error: ParisCheckError) -> str | None:
    """The question (or justification, ``justifications.<code>``) an input error is about,
    from its field path, if any."""
    if not error.field:
        return None
    qid = ".".join(error.field.split(".")[:2])
    return qid if qid in questions() or form.justification_code(qid) else None


def editable_key(key: str) -> bool:
    """Whether the form may change ``key``: a question, or the justification of a rule code."""
    return key in questions() or form.justification_code(key) is not None


def _split(exc: ParisCheckError) -> list[ParisCheckError]:
    return list(getattr(exc, "errors", None) or [exc])


@dataclass(frozen=True)
class Snapshot:
    """One version of the file, checked."""

    text: str | None
    digest: str
    #: The round-trip document (an empty mapping when there is no file or it cannot be parsed).
    document: Any
    questionnaire: Questionnaire | None = None
    assessment: Assessment | None = None
    #: Why the file does not pass ``paris-check validate`` (empty: it does).
    errors: tuple[ParisCheckError, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors

    def answer(self, qid: str) -> Any:
        """The answer to ``qid`` as written in the file (``None``: unanswered)."""
        section, name = qid.split(".", 1)
        block = self.document.get(section) if isinstance(self.document, Mapping) else None
        return block.get(name) if isinstance(block, Mapping) else None

    def justifications(self) -> dict[str, Any]:
        """The justifications written in the file, by rule code (as written)."""
        block = (self.document.get(form.JUSTIFICATIONS)
                 if isinstance(self.document, Mapping) else None)
        return {str(k): v for k, v in block.items()} if isinstance(block, Mapping) else {}

    def entry(self, qid: str) -> form.Entry:
        """What the form shows for a question, or for a justification (``justifications.SE02``)."""
        code = form.justification_code(qid)
        if code is not None:
            return form.justification_entry(self.justifications().get(code))
        return form.entry_of(questions()[qid], self.answer(qid))


@dataclass(frozen=True)
class SaveResult:
    """What a save did."""

    status: SaveStatus
    snapshot: Snapshot
    saved: tuple[str, ...] = ()
    #: Question -> the located messages of the check, for changes that were not saved.
    errors: dict[str, list[str]] = field(default_factory=dict)
    #: Messages not tied to one question (the file itself no longer validates, say).
    general: tuple[str, ...] = ()
    #: Questions changed both in the form and, meanwhile, in the file.
    conflicts: tuple[str, ...] = ()
    #: Whether the file had been changed by another program (and the changes were added to it).
    merged: bool = False


def check(text: str | None, name: str) -> Snapshot:
    """Parse and check ``text`` as ``paris-check validate`` does, and assess it."""
    from ..api import assess, load_questionnaire

    digest = digest_of(text)
    source = text if text is not None else new_file_text()
    try:
        document = yamledit.parse(source)
    except Exception:  # a syntax error: the check below reports it, located
        document = None
    if not isinstance(document, Mapping):
        document = {}
    try:
        q = load_questionnaire(source, name=name)
        result = assess(q)
    except InputError as exc:
        return Snapshot(text, digest, document, errors=tuple(_split(exc)))
    return Snapshot(text, digest, document, q, result)


class QuestionnaireFile:
    """The one file the page reads and writes (thread-safe)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = str(path)
        self._lock = threading.RLock()  # saves, and the table of versions
        self._versions: OrderedDict[str, Snapshot] = OrderedDict()

    def _read(self) -> str | None:
        from ..yamlio import read_text

        if not self.path.exists() and not self.path.is_symlink():
            return None
        return read_text(self.path)

    def snapshot(self) -> Snapshot:
        """The file as it is now, checked (cached by digest).

        Raises:
            FileAccessError: the file cannot be read (a folder, not UTF-8, too large...).
        """
        text = self._read()
        with self._lock:
            return self._remember(text)

    def _remember(self, text: str | None) -> Snapshot:
        digest = digest_of(text)
        found = self._versions.get(digest)
        if found is None:
            found = check(text, self.name)
            self._versions[digest] = found
        self._versions.move_to_end(digest)
        while len(self._versions) > MAX_VERSIONS:
            self._versions.popitem(last=False)
        return found

    def version(self, digest: str) -> Snapshot | None:
        """A version shown earlier, by digest (None when it is no longer remembered)."""
        with self._lock:
            return self._versions.get(digest)

    def save(self, base: str, entries: Mapping[str, form.Entry]) -> SaveResult:
        """Apply the answers the form sent (``entries``, by question) to the file.

        ``base`` is the digest of the version the form showed: only the answers that differ
        from that version are written.
        """
        with self._lock:
            return self._save(base, entries)

    def _save(self, base_digest: str, entries: Mapping[str, form.Entry]) -> SaveResult:
        from ..outputs import write_atomic

        current = self.snapshot()
        base = self.version(base_digest)
        if base is None:
            return SaveResult("stale", current)
        changed = {qid: e for qid, e in entries.items()
                   if editable_key(qid) and e != base.entry(qid)}
        if not changed:
            return SaveResult("unchanged", current, merged=current.digest != base.digest)
        merged = current.digest != base.digest
        if not current.valid:
            return SaveResult("broken", current,
                              general=tuple(e.one_line() for e in current.errors))
        if merged:
            conflicts = tuple(q for q in changed if current.entry(q) != base.entry(q))
            if conflicts:
                return SaveResult("conflict", current, conflicts=conflicts, merged=True)
        errors: dict[str, list[str]] = {}
        general: list[str] = []
        candidate: Snapshot | None = None
        for _ in range(MAX_ROUNDS):
            if not changed:
                break
            text = self._apply(current, changed)
            candidate = check(text, self.name)
            if candidate.valid:
                break
            failed = self._blame(candidate.errors, changed, errors, general)
            if not failed:
                break
            for qid in failed:
                changed.pop(qid)
            candidate = None
        if candidate is None or not candidate.valid:
            return SaveResult("invalid", current, errors=errors, general=tuple(general),
                              merged=merged)
        if digest_of(self._read()) != current.digest:
            return SaveResult("stale", self.snapshot())  # changed while this save was made
        assert candidate.text is not None
        write_atomic(self.path, candidate.text.encode("utf-8"))
        self._versions[candidate.digest] = candidate
        self._versions.move_to_end(candidate.digest)
        return SaveResult("saved", candidate,
                          saved=tuple(changed), errors=errors, general=tuple(general),
                          merged=merged)

    def _apply(self, current: Snapshot, changed: Mapping[str, form.Entry]) -> str:
        top, order = _order()
        text = current.text if current.text is not None else new_file_text()
        # New justifications go in rule-code order among those in the file.
        order[form.JUSTIFICATIONS] = sorted(
            {*current.justifications(), *(k.split(".", 1)[1] for k in changed
                                          if form.justification_code(k))})

        def change_for(qid: str) -> yamledit.Change:
            old_entry = current.entry(qid)
            if form.justification_code(qid):
                return lambda old: form.justification_node(old, old_entry, changed[qid])
            q = questions()[qid]
            return lambda old: form.node_for(q, old, old_entry, changed[qid])

        pairs = {tuple(qid.split(".", 1)): change_for(qid) for qid in changed}
        return yamledit.apply_changes(text, pairs, top_order=top,  # type: ignore[arg-type]
                                      section_order=order)

    @staticmethod
    def _blame(found: Iterable[ParisCheckError], changed: Mapping[str, form.Entry],
               errors: dict[str, list[str]], general: list[str]) -> set[str]:
        """Sort the check's messages by question; return the changed questions at fault."""
        failed: set[str] = set()
        for err in found:
            qid = question_of(err)
            if qid in changed:
                failed.add(qid)
                errors.setdefault(qid, []).append(err.one_line())
            else:
                general.append(err.one_line())
        return failed
