#!/usr/bin/env python3
"""Bootstrap and task runner that needs nothing but Python 3.11+.

    python3 scripts/dev.py demo    # example questionnaire -> out/strong-commission.pdf
    python3 scripts/dev.py test    # ruff + the whole test suite (includes the docs build)
    python3 scripts/dev.py docs    # build the HTML docs into docs/_build/html
    python3 scripts/dev.py bench   # print the benchmark figures
    python3 scripts/dev.py generate [--check]  # rewrite (or check) every derived file

The first run creates ``.venv`` and installs paris_check with its test and docs extras.
durable-rules is compiled from source, so a C compiler and the Python headers are needed; the
PDF report needs the system's Pango library (Debian/Ubuntu: ``apt-get install build-essential
libpango-1.0-0 libpangoft2-1.0-0``).
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
EXAMPLE = ROOT / "questionnaires" / "examples" / "strong-commission.yaml"


def say(msg: str) -> None:
    print(f"[dev] {msg}", file=sys.stderr, flush=True)


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
    if result.returncode:
        sys.exit(result.returncode)


def check_system() -> None:
    problems = []
    if not (shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")):
        problems.append("a C compiler (Debian/Ubuntu: apt-get install build-essential)")
    if not ctypes.util.find_library("pango-1.0"):
        problems.append("the Pango library (Debian/Ubuntu: apt-get install libpango-1.0-0 "
                        "libpangoft2-1.0-0; macOS: brew install pango)")
    if problems:
        say("this machine is missing: " + "; ".join(problems))
        sys.exit(2)


def ensure_venv() -> None:
    """Create .venv and install the project once (again when pyproject.toml changes)."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before any install
        say("Python 3.11 or newer is needed")
        sys.exit(2)
    stamp_value = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / ".paris-check-installed"
    if PY.exists() and stamp.exists() and stamp.read_text() == stamp_value:
        return
    check_system()
    if not PY.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    env = dict(os.environ)
    # durable-rules 2.0.28 calls PyEval_CallObject, removed in Python 3.13.
    env["CPPFLAGS"] = (env.get("CPPFLAGS", "") +
                       " -DPyEval_CallObject=PyObject_CallObject").strip()
    say("installing paris_check and its dependencies (compiles durable-rules; takes a minute)")
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip", env=env)
    run(PY, "-m", "pip", "install", "--quiet", "--no-binary", "durable-rules",
        "-e", f"{ROOT}[test,docs]", env=env)
    stamp.write_text(stamp_value)


def demo() -> None:
    out = ROOT / "out" / "strong-commission.pdf"
    run(BIN / "paris-check", "report", EXAMPLE, "-o", out)
    say(f"open {out.relative_to(ROOT)}")


def test(extra: list[str]) -> None:
    run(PY, "-m", "ruff", "check", "src", "tests", "scripts", "benchmarks", "docs")
    run(PY, "-m", "pytest", *extra)


def docs() -> None:
    run(PY, "-m", "sphinx", "-W", "-n", "-q", "docs", "docs/_build/html")
    say("open docs/_build/html/index.html")


def bench() -> None:
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        say(f"running {script.name}")
        run(PY, script)


def generate(extra: list[str]) -> None:
    run(PY, ROOT / "scripts" / "generate.py", *extra)


def main(argv: list[str]) -> None:
    tasks = {"demo": demo, "docs": docs, "bench": bench}
    if not argv or argv[0] not in (*tasks, "test", "setup", "generate"):
        print(__doc__)
        sys.exit(2)
    ensure_venv()
    if argv[0] == "test":
        test(argv[1:])
    elif argv[0] == "generate":
        generate(argv[1:])
    elif argv[0] != "setup":
        tasks[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
