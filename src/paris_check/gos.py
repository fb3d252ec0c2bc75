"""General Observation numbers as SCA reports cite them, mapped to the catalogue's IDs.

The SCA's General Observations were renumbered between editions (``data/go-editions.yaml``
records each edition's numbering, with the evidence in ``docs/verification-log.md``). A decision
cites the numbers of the edition in force at its session; :func:`normalise_cited` turns them
into catalogue IDs (``GO-x.y`` of ``data/standards.yaml``) so that they can be compared with the
references of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from .yamlio import load_yaml_text


@cache
def editions() -> dict[str, Any]:
    """The editions table: ``{"in_force": [[from_session, edition], ...], "map": {...}}``."""
    text = resources.files("paris_check").joinpath("data/go-editions.yaml").read_text("utf-8")
    return load_yaml_text(text, "go-editions.yaml").data


def edition_at(session: str) -> str:
    """The edition whose numbering the SCA used at ``session`` (``YYYY-MM``)."""
    current = None
    for start, edition in editions()["in_force"]:
        if session >= start:
            current = edition
    if current is None:
        raise ValueError(f"no General Observations edition in force at {session}")
    return str(current)


def to_catalogue(go: str, edition: str) -> str:
    """Catalogue ID of ``go`` (``GO-x.y`` as cited) in ``edition``; unknown numbers unchanged."""
    return str(editions()["map"].get(edition, {}).get(go, go))


def normalise_cited(cited: Iterable[str], session: str, edition: str | None = None) -> set[str]:
    """Catalogue IDs of the GOs a decision cites."""
    ed = edition or edition_at(session)
    return {to_catalogue(g, ed) for g in cited}
