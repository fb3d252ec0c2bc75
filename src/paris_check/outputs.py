"""Writing output files: atomically, with the user's umask, never over an input.

The rules (also in ``docs/cli.md``, "Output files"):

* ``-`` is standard output. So is any path that names the process's own standard output or error
  (``/dev/stdout``, ``/dev/fd/1``): the data goes into that stream, binary-safe.
* Other special files are written into, never replaced: a terminal or another character device
  (``/dev/null``), or a FIFO (its reader must already be there, so a write never hangs). Block
  devices and sockets are refused. A symbolic link is followed: the file it points to is
  replaced, the link stays.
* A new file gets the mode of any new file under the user's umask (and the folder's default
  ACL), and so does a replaced one: the data is written to a temporary file, which is then
  renamed over the target, so a reader never sees a half-written file.
* An input (``protect``) is never replaced. An existing file is replaced only if its name ends in
  one of ``replaceable`` (the output's own extensions, so running a command again replaces its
  previous output); ``replaceable=None`` (the CLI's ``--force``) allows any regular file.
* The temporary file is ``.NAME.XXXXXXXX.tmp`` beside the target. SIGTERM during the write
  removes it and then ends the process as SIGTERM would (exit status 143). After SIGKILL or a
  crash it stays behind: the next write of the same NAME removes such files once they are
  :data:`STALE_AFTER` seconds old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import FrameType

from .errors import FileAccessError, SourceSpan
from .i18n import _

STDOUT = "-"
STALE_AFTER = 600.0
"""Seconds after which a leftover temporary file of the same output is removed."""

_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
_stale: dict[Path, dict[str, list[Path]]] = {}


def check_output(path: str | os.PathLike[str], *,
                 protect: Iterable[str | os.PathLike[str]] = (),
                 replaceable: Collection[str] | None = None) -> None:
    """Raise the error :func:`write_atomic` would raise for ``path``, before any data is made.

    Lets a command refuse an output name before it spends time rendering a report.
    """
    _destination(Path(path), protect, replaceable)


def write_atomic(path: str | os.PathLike[str], data: bytes, *,
                 protect: Iterable[str | os.PathLike[str]] = (),
                 replaceable: Collection[str] | None = None, fsync: bool = True) -> Path | None:
    """Write ``data`` to ``path`` following the module's rules; return the file written.

    Returns None when the data went to standard output or error. ``replaceable`` lists the
    suffixes (``".pdf"``) an existing file may have to be replaced; None allows any. Creates
    parent folders. ``fsync=False`` (used for the many files of a batch) skips forcing the data
    to disk before the rename.

    Raises:
        FileAccessError: ``path`` is an input (PC026), an existing file of another kind (PC027),
            a folder, a block device or a socket (PC021), or cannot be written (PC023).
    """
    kind, target = _destination(Path(path), protect, replaceable)
    try:
        if kind in ("stdout", "stderr"):
            _write_stream(kind, data)
            return None
        if kind == "special":
            _write_special(target, data)
        else:
            _replace(target, data, fsync)
    except BrokenPipeError:
        if kind in ("stdout", "stderr"):
            raise  # a closed standard output: handled once, at the entry point
        raise FileAccessError(_("cannot write file (the reading program has gone)"), code="PC023",
                              span=SourceSpan(str(path))) from None
    except PermissionError:
        raise FileAccessError(_("permission denied when writing"), code="PC023",
                              span=SourceSpan(str(path))) from None
    except OSError as exc:
        raise FileAccessError(_("cannot write file (%(reason)s)", reason=exc.strerror or exc),
                              code="PC023",
                              span=SourceSpan(str(path))) from None
    return target


def _destination(path: Path, protect: Iterable[str | os.PathLike[str]],
                 replaceable: Collection[str] | None) -> tuple[str, Path]:
    """Where the data for ``path`` goes: ``(kind, path)``, kind one of ``stdout``, ``stderr``,
    ``special`` (write into it) or ``file`` (the regular file to create or replace)."""
    if str(path) == STDOUT:
        return "stdout", path
    span = SourceSpan(str(path))
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileAccessError(_("cannot write file (%(reason)s)", reason=exc.strerror or exc),
                              code="PC023",
                              span=span) from None
    if st is not None:
        for p in protect:
            with contextlib.suppress(OSError):
                if os.path.samestat(st, os.stat(p)):
                    raise FileAccessError(_("refusing to overwrite an input file"), code="PC026",
                                          span=span, hint=_("choose another output name with -o"))
        for fd, kind in ((1, "stdout"), (2, "stderr")):
            with contextlib.suppress(OSError):
                if os.path.samestat(st, os.fstat(fd)):
                    return kind, path
        if stat.S_ISDIR(st.st_mode):
            raise FileAccessError(_("the output path is a directory"), code="PC021", span=span,
                                  hint=_("give a file name"))
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            return "special", path
        if not stat.S_ISREG(st.st_mode):
            what = (_("the output path is a block device") if stat.S_ISBLK(st.st_mode)
                    else _("the output path is a socket") if stat.S_ISSOCK(st.st_mode)
                    else _("the output path is not a regular file"))
            raise FileAccessError(what, code="PC021", span=span,
                                  hint=_("write to a file, a terminal, a pipe or - "
                                         "(standard output)"))
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if st is not None and replaceable is not None \
            and target.suffix.lower() not in {s.lower() for s in replaceable}:
        names = sorted(replaceable)
        kinds = names[0] if names else ""
        for name in names[1:]:
            kinds = _("%(first)s or %(second)s", first=kinds, second=name)
        raise FileAccessError(
            _("file already exists and is not a %(kinds)s file", kinds=kinds) if kinds
            else _("file already exists"),
            code="PC027", span=span, hint=_("choose another name, or add --force to replace it"))
    return "file", target


def _write_stream(kind: str, data: bytes) -> None:
    """Write ``data`` to standard output or error, after any text already queued there."""
    stream = sys.stdout if kind == "stdout" else sys.stderr
    stream.flush()
    stream.buffer.write(data)
    stream.buffer.flush()


def _write_special(path: Path, data: bytes) -> None:
    """Write into a character device or a FIFO without replacing it (and never wait for a
    FIFO's reader: opening it without one fails at once)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise FileAccessError(_("no program is reading from this pipe"), code="PC023",
                                  span=SourceSpan(str(path)),
                                  hint=_("start the reading program first")) from None
        raise
    with os.fdopen(fd, "wb") as fh:
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
        fh.write(data)


def _replace(target: Path, data: bytes, fsync: bool) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target)
    with _cleanup_on_sigterm():
        tmp: Path | None = None
        try:
            fd, tmp = _create_temp(target)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            raise


def _create_temp(target: Path) -> tuple[int, Path]:
    """Create ``.NAME.XXXXXXXX.tmp`` beside ``target``, with the mode the umask gives.

    ``tempfile.mkstemp`` would create it 0600 whatever the umask; opening with 0666 lets the
    system apply the umask (and a default ACL) exactly as for any new file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files of ``target`` that a killed earlier write left behind.

    The folder is listed once per process (a batch writes many files into one folder); only
    files named like this module's temporary files for ``target`` and older than
    :data:`STALE_AFTER` are removed.
    """
    folder = target.parent
    if folder not in _stale:
        found: dict[str, list[Path]] = {}
        cutoff = time.time() - STALE_AFTER
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                m = _TEMP_NAME.fullmatch(entry.name)
                if m and entry.is_file(follow_symlinks=False) \
                        and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    found.setdefault(m["name"], []).append(Path(entry.path))
        _stale[folder] = found
    for leftover in _stale[folder].pop(target.name, ()):
        with contextlib.suppress(OSError):
            leftover.unlink()


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _cleanup_on_sigterm() -> Iterator[None]:
    """While active, SIGTERM unwinds the write (removing the temporary file) and then ends the
    process as SIGTERM would have.

    Only when SIGTERM has its default action and in the main thread: a program that embeds
    paris_check and handles SIGTERM itself keeps its handler (if it raises, the temporary file
    is removed all the same).
    """
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)
        raise  # pragma: no cover - not reached: the default action ends the process
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
