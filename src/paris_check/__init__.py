"""paris_check: check a National Human Rights Institution against the Paris Principles."""

from __future__ import annotations

__version__ = "0.1.0"
