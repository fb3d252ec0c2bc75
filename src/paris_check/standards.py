"""The catalogue of standards rules cite (Paris Principles clauses, GOs, GA res. 76/170...).

Data lives in ``data/standards.yaml``; each item has an ID, a title and a summary in our own
words, whether a questionnaire can check it, and how well its wording was verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Standard:
    """One citable requirement or clause."""

    id: str
    instrument: str
    title: str
    summary: str
    checkable: bool = True
    not_checkable_reason: str | None = None
    verification: str = "unverified"
    evidence: tuple[str, ...] = ()
    parent: str | None = None
    note: str | None = None


@cache
def _data() -> dict[str, Any]:
    from .yamlio import load_data_file

    return load_data_file(str(resources.files("paris_check") / "data" / "standards.yaml")).data


@cache
def instruments() -> dict[str, dict[str, str]]:
    """Instrument code -> {title, short}."""
    return dict(_data().get("instruments", {}))


@cache
def standards() -> dict[str, Standard]:
    """Every standard by ID, in catalogue order."""
    out: dict[str, Standard] = {}
    for item in _data()["items"]:
        out[item["id"]] = Standard(
            id=item["id"], instrument=item["instrument"], title=item["title"],
            summary=item.get("summary", ""), checkable=bool(item.get("checkable", True)),
            not_checkable_reason=item.get("not_checkable_reason"),
            verification=item.get("verification", "unverified"),
            evidence=tuple(item.get("evidence") or ()), parent=item.get("parent"),
            note=item.get("note"))
    return out


def known_ids() -> frozenset[str]:
    """All IDs a rule may cite."""
    return frozenset(standards())


def parent_of(ref: str) -> str:
    """``GO-1.8-R1`` -> ``GO-1.8``; other IDs are returned unchanged."""
    std = standards().get(ref)
    if std and std.parent:
        return std.parent
    if ref.startswith("GO-") and "-R" in ref:
        return ref.rsplit("-R", 1)[0]
    return ref
