"""Console entry point: answers ``--version`` without importing the CLI stack."""

from __future__ import annotations

import sys


def run() -> None:
    """Run ``paris-check``."""
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"paris-check, version {__version__}")
        return
    from .cli import main

    main()
