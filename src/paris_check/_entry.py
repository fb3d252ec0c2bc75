"""Console entry point: answers ``--version`` without importing the CLI stack."""

from __future__ import annotations

import os
import signal
import sys
from typing import NoReturn

EXIT_STDOUT_CLOSED = 128 + getattr(signal, "SIGPIPE", 13)
"""141: the status of a command that the closing of its standard output ended (SIGPIPE)."""


def stdout_closed() -> NoReturn:
    """Stop quietly because the reader of standard output has gone (``paris-check … | head``).

    Like other command-line tools: no message, and the status a process ended by SIGPIPE has.
    Standard output is pointed at the null device so that Python's final flush stays silent.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real standard output
        pass
    sys.exit(EXIT_STDOUT_CLOSED)


def run() -> None:
    """Run ``paris-check``."""
    try:
        if sys.argv[1:] == ["--version"]:
            from . import __version__

            print(f"paris-check, version {__version__}")
        else:
            from .cli import main

            main()
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()
