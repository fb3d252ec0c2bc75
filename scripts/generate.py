#!/usr/bin/env python3
"""Regenerate every derived file from the sources the engine reads (or check them).

    .venv/bin/python scripts/generate.py           # write what is stale
    .venv/bin/python scripts/generate.py --check   # list what is stale; exit 1 if anything is

Derived files: the blank questionnaire (questionnaires/template.yaml), the questionnaire and
result JSON Schemas, every .po catalogue (new messages added untranslated, gone ones dropped)
and the status model fitted on the SCA corpus (src/paris_check/data/status-model.json).
The documentation's generated pages are rebuilt by Sphinx itself (docs/_ext/paris_docs.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]


def derived() -> dict[Path, Callable[[], bytes]]:
    """Every derived file and how to compute its content."""
    import update_po
    from benchmarks import fidelity

    from paris_check.questionnaire.template import render_template
    from paris_check.schemas import schema_json

    out: dict[Path, Callable[[], bytes]] = {
        ROOT / "questionnaires" / "template.yaml": lambda: render_template().encode("utf-8"),
    }
    for kind in ("questionnaire", "result"):
        out[ROOT / "src" / "paris_check" / "schemas" / f"{kind}.schema.json"] = (
            lambda kind=kind: schema_json(kind).encode("utf-8"))
    for path, (lang, msgs) in update_po.catalogues().items():
        out[path] = lambda path=path, lang=lang, msgs=msgs: update_po.render(path, lang, msgs)[0]
    out[fidelity.MODEL_FILE] = lambda: fidelity.model_document(
        fidelity.load_cases()).encode("utf-8")
    return out


def stale() -> list[tuple[Path, bytes]]:
    """The derived files whose content on disk differs, with the content they should have."""
    out = []
    for path, make in derived().items():
        data = make()
        if not path.exists() or path.read_bytes() != data:
            out.append((path, data))
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    todo = stale()
    for path, data in todo:
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if check:
            print(f"stale: {rel}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {rel}")
    if check and todo:
        print("run: python3 scripts/dev.py generate", file=sys.stderr)
        return 1
    if not todo:
        print("every derived file is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
