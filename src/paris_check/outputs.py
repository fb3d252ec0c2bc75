"""Writing output files atomically, never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import FileAccessError, SourceSpan


def write_atomic(path: str | os.PathLike[str], data: bytes, *,
                 protect: Iterable[str | os.PathLike[str]] = (), fsync: bool = True) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename.

    Refuses to write over any path in ``protect`` (the inputs). Creates parent folders. A reader
    never sees a half-written file; ``fsync=False`` (used for the many files of a batch) skips
    forcing the data to disk before the rename.
    """
    target = Path(path)
    for p in protect:
        try:
            if target.exists() and target.resolve() == Path(p).resolve():
                raise FileAccessError("refusing to overwrite an input file", code="PC026",
                                      span=SourceSpan(str(target)),
                                      hint="choose another output name with -o")
        except OSError:
            continue
    if target.is_dir():
        raise FileAccessError("the output path is a directory", code="PC021",
                              span=SourceSpan(str(target)), hint="give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except PermissionError:
        raise FileAccessError("permission denied when writing", code="PC023",
                              span=SourceSpan(str(target))) from None
    except OSError as exc:
        raise FileAccessError(f"cannot write file ({exc.strerror})", code="PC023",
                              span=SourceSpan(str(target))) from None
    return target
