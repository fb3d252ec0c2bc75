"""Every derived file (template, schemas, translation catalogues, status model) is up to date.

One command regenerates them all: ``python3 scripts/dev.py generate``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import generate  # noqa: E402


def test_every_derived_file_is_fresh() -> None:
    stale = [str(p.relative_to(ROOT)) for p, _ in generate.stale()]
    assert not stale, "stale: " + ", ".join(stale) + " — run `python3 scripts/dev.py generate`"


def test_generate_lists_what_it_would_write(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "t.yaml"
    monkeypatch.setattr(generate, "derived", lambda: {target: lambda: b"x\n"})
    assert generate.main(["--check"]) == 1
    assert not target.exists()
    assert generate.main([]) == 0 and target.read_bytes() == b"x\n"
    assert generate.main(["--check"]) == 0
