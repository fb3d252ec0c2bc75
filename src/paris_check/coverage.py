"""Coverage of the standards by the rule packs.

For every Paris Principles clause (instrument ``PP``) and every General Observation and GO
requirement (instrument ``GO``), the coverage matrix lists the rules that cite it, or the reason
it is excluded (``rules/_exclusions.yaml``), or neither: then it is *not covered*. A GO heading
(``GO-1.8``) counts as covered when a rule cites it directly or cites any of its requirements
(``GO-1.8-R1``...).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import RulePackError, SourceSpan
from .packs import RuleSet, bundled_rules_dir
from .standards import parent_of, standards

EXCLUSIONS_FILE = "_exclusions.yaml"
INSTRUMENTS = ("PP", "GO")
NOT_COVERED = "NOT COVERED"


@dataclass(frozen=True)
class CoverageRow:
    """One reference ID, the rules citing it, and its exclusion reason if any."""

    id: str
    title: str
    rules: tuple[str, ...]
    excluded: str | None

    @property
    def status(self) -> str:
        """``covered``, ``excluded`` or ``NOT COVERED``."""
        if self.rules:
            return "covered"
        return "excluded" if self.excluded else NOT_COVERED


def exclusions_path(directory: Path | None = None) -> Path:
    """Where the exclusions list lives: next to the bundled packs unless told otherwise."""
    return (directory or bundled_rules_dir()) / EXCLUSIONS_FILE


def load_exclusions(path: Path | None = None) -> dict[str, str]:
    """``{id: reason}`` from the exclusions file; an empty dict if there is no file."""
    path = path or exclusions_path()
    if not path.is_file():
        return {}
    return dict(_load(str(path)))


@cache
def _load(path: str) -> tuple[tuple[str, str], ...]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(Path(path).read_text("utf-8")) or {}
    items = data.get("exclusions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise RulePackError("the exclusions file needs a list under `exclusions:`", code="PC111",
                            span=SourceSpan(path, 1, 1))
    out: list[tuple[str, str]] = []
    for item in items:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)
                and isinstance(item.get("reason"), str) and item["reason"].strip()):
            raise RulePackError(f"malformed exclusion {item!r}: write {{id: ..., reason: ...}}",
                                code="PC111", span=SourceSpan(path, 1, 1))
        out.append((item["id"], " ".join(item["reason"].split())))
    return tuple(out)


def citations(ruleset: RuleSet) -> dict[str, tuple[str, ...]]:
    """Reference ID -> codes of the rules that cite it, counting a GO requirement for its GO."""
    cited: dict[str, set[str]] = {}
    for rule in ruleset.rules:
        for ref in rule.spec.references:
            cited.setdefault(ref, set()).add(rule.code)
            if ref.startswith("GO-"):
                parent = parent_of(ref)
                if parent != ref:
                    cited.setdefault(parent, set()).add(rule.code)
    return {ref: tuple(sorted(codes)) for ref, codes in cited.items()}


def coverage_matrix(ruleset: RuleSet, exclusions: dict[str, str] | None = None
                    ) -> list[CoverageRow]:
    """One row per PP clause and GO item, in catalogue order."""
    excl = load_exclusions() if exclusions is None else exclusions
    cited = citations(ruleset)
    return [CoverageRow(id=s.id, title=s.title, rules=cited.get(s.id, ()),
                        excluded=excl.get(s.id))
            for s in standards().values() if s.instrument in INSTRUMENTS]


def uncovered(ruleset: RuleSet, exclusions: dict[str, str] | None = None) -> list[str]:
    """PP and GO IDs with neither a rule nor an exclusion."""
    return [row.id for row in coverage_matrix(ruleset, exclusions) if row.status == NOT_COVERED]
