"""``paris-check serve``: fill in the self-check in a browser, with live findings.

The questionnaire stays the YAML file (the record: diffable, easy to email); the page is a form
generated from the questionnaire model that reads and writes it, and shows the findings of the
engine beside the form as the answers change.

Why this stack: **Starlette** (routing, requests and responses over ASGI; small, typed, well
kept, and its ``TestClient`` drives the whole application in-process, so the tests need no
network) served by **uvicorn** (the reference ASGI server, pure Python over h11). FastAPI would
add request validation through pydantic models that the form does not need (it is parsed against
the questionnaire model itself). Pages are Jinja2 templates, as the report already uses; live
updates come from one small vanilla JavaScript file, so there is no JavaScript dependency to
ship and no Node build step. The page works without JavaScript (plain HTML forms).

Install with ``pip install 'paris-check[web]'``. Nothing here imports Starlette until a server
is made, so ``paris_check.web.messages`` works without the extra.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from ..errors import FileAccessError, InputError, SourceSpan

DEFAULT_PORT = 8642
PORT_TRIES = 20
INSTALL_HINT = "install the web extra: pip install 'paris-check[web]'"


def _require_stack() -> None:
    missing = []
    for module in ("starlette", "uvicorn"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise InputError(f"paris-check serve needs {' and '.join(missing)}, which are not "
                         "installed", code="PC040", hint=INSTALL_HINT)


def _check_file(path: Path) -> None:
    """Refuse at once what could never be the questionnaire (a folder, a device, -)."""
    from ..outputs import check_output

    if str(path) == "-":
        raise FileAccessError("serve edits a file, not standard input or output", code="PC021",
                              span=SourceSpan("-"), hint="give the questionnaire's file name")
    if path.exists():
        from ..yamlio import read_text

        read_text(path)  # a folder, FIFO, device, binary or non-UTF-8 file: a located error
    check_output(path)  # can the folder hold it? (a regular file is replaced, never a device)


def _listen(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``host``: ``port`` exactly, or the first free one from
    :data:`DEFAULT_PORT` when no port was asked for (0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [port] if port is not None else [DEFAULT_PORT + i for i in range(PORT_TRIES)]
    last: OSError | None = None
    for candidate in candidates:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, candidate))
            sock.listen(64)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    busy = last is not None and last.errno == errno.EADDRINUSE
    raise InputError(
        f"cannot listen on {host} port {port if port is not None else DEFAULT_PORT}"
        + (" (in use)" if busy else f" ({getattr(last, 'strerror', None) or last})"),
        code="PC041", hint="choose another port with --port N (0: any free port)")


def serve(path: str | Path = "questionnaire.yaml", *, lang: str = "en", port: int | None = None,
          host: str = "127.0.0.1", open_browser: bool = True, debug: bool = False,
          out: Any = None) -> None:
    """Serve the form for the questionnaire at ``path`` until interrupted (Ctrl+C).

    The file is created at the first answer when it does not exist. Prints the address (with
    the run's token) to ``out`` (standard output) and opens it in a browser unless
    ``open_browser`` is false.

    Raises:
        InputError: the web extra is missing (PC040), the port is taken (PC041), the language
            is unknown (PC031) or the path cannot be a questionnaire file.
    """
    from ..i18n import available_languages

    _require_stack()
    if lang not in available_languages():
        raise InputError(f"no language {lang!r}", code="PC031",
                         hint="available: " + ", ".join(available_languages()))
    file = Path(path)
    _check_file(file)
    import uvicorn

    from .app import create_app

    sock = _listen(host, port)
    actual = sock.getsockname()[1]
    app = create_app(file, lang=lang, port=actual, host=host, debug=debug)
    url = app.settings.url()
    out = out or sys.stdout
    state = "" if file.exists() else " (a new file: it is written at the first answer)"
    print(f"paris-check serve: editing {file}{state}", file=out)
    print(f"open this address in your browser: {url}", file=out)
    print("press Ctrl+C to stop", file=out, flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


__all__ = ["DEFAULT_PORT", "serve"]
