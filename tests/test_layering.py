"""Data flows one way: no module of the package imports the public API module above it."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "paris_check"
TOP = {"__init__.py", "api.py", "cli.py", "_entry.py", "__main__.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            out.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_no_module_below_the_api_imports_it() -> None:
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if str(rel) in TOP or rel.parts[0] == "web":  # the web app is a client of the API
            continue
        bad = {m for m in _imports(path)
               if m in (".api", "..api", "paris_check.api", "paris_check") or m.endswith(".cli")}
        if bad:
            offenders.append(f"{rel}: {', '.join(sorted(bad))}")
    assert not offenders, "modules importing the layer above: " + "; ".join(offenders)


def test_vocabulary_imports_nothing_of_the_package() -> None:
    assert not {m for m in _imports(PKG / "vocabulary.py") if m.startswith(".")}
