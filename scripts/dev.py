#!/usr/bin/env python3
"""Bootstrap and task runner that needs nothing but Python 3.11+.

    python3 scripts/dev.py demo    # example questionnaire -> out/strong-commission.pdf
    python3 scripts/dev.py test    # ruff + the whole test suite (includes the docs build)
    python3 scripts/dev.py docs    # build the HTML docs into docs/_build/html
    python3 scripts/dev.py bench   # print the benchmark figures
    python3 scripts/dev.py generate [--check]  # rewrite (or check) every derived file
    python3 scripts/dev.py system  # install the system packages it needs (apt-get, as root)

The first run creates ``.venv`` and installs paris_check with its test and docs extras.
durable-rules is compiled from source, so a C compiler and the Python headers are needed; the
PDF report needs the system's Pango library. What the machine lacks (``SYSTEM_NEEDS``) is
installed with apt-get when the script runs as root or with password-less sudo; otherwise it
prints the exact command for apt, dnf and brew and stops.
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


def _has_library(name: str) -> bool:
    if ctypes.util.find_library(name):
        return True
    try:  # find_library needs ldconfig or gcc; ldconfig -p also works when gcc is missing
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return f"lib{name}.so" in out


def _has_python_headers() -> bool:
    import sysconfig

    return (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file()


# What the project needs from the system: (what, present?, Debian/Ubuntu, Fedora, macOS).
# One list for this script and for .ci/run (which calls `dev.py system`).
SYSTEM_NEEDS: list[tuple[str, object, str, str, str]] = [
    ("a C compiler", lambda: bool(shutil.which("cc") or shutil.which("gcc")
                                  or shutil.which("clang")), "build-essential", "gcc", ""),
    ("the Python headers", _has_python_headers, "python3-dev", "python3-devel", ""),
    ("Pango", lambda: _has_library("pango-1.0"), "libpango-1.0-0", "pango", "pango"),
    ("PangoFT2", lambda: _has_library("pangoft2-1.0"), "libpangoft2-1.0-0", "pango", "pango"),
    ("HarfBuzz subsetting", lambda: _has_library("harfbuzz-subset"), "libharfbuzz-subset0",
     "harfbuzz", "harfbuzz"),
    ("pdftoppm (tests look at PDF pages)", lambda: bool(shutil.which("pdftoppm")),
     "poppler-utils", "poppler-utils", "poppler"),
    # The browser tests of `paris-check serve` (tests/test_web_browser.py) drive the system's
    # Chromium through its matching ChromeDriver: nothing is downloaded at run time. On macOS
    # they are casks (`brew install --cask chromium chromedriver`), not asked for here: the
    # tests skip without them outside CI.
    ("Chromium (browser tests)", lambda: bool(shutil.which("chromium")
                                             or shutil.which("chromium-browser")
                                             or sys.platform == "darwin"),
     "chromium", "chromium", ""),
    ("ChromeDriver (browser tests)", lambda: bool(shutil.which("chromedriver")
                                                  or sys.platform == "darwin"),
     "chromium-driver", "chromedriver", ""),
]


def missing_system() -> list[tuple[str, str, str, str]]:
    """The needs this machine lacks: (what, apt package, dnf package, brew formula)."""
    return [(what, apt, dnf, brew) for what, present, apt, dnf, brew in SYSTEM_NEEDS
            if not present()]  # type: ignore[operator]


def ensure_system() -> None:
    """Install what the system lacks with apt-get when allowed; otherwise say how, and stop."""
    missing = missing_system()
    if not missing:
        return
    apt = sorted({m[1] for m in missing})
    say("this machine lacks: " + ", ".join(m[0] for m in missing))
    prefix: list[str] | None = None
    if shutil.which("apt-get"):
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            prefix = []
        elif shutil.which("sudo") and subprocess.run(
                ["sudo", "-n", "true"], capture_output=True).returncode == 0:
            prefix = ["sudo"]
    if prefix is not None:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        say("running: " + " ".join([*prefix, "apt-get", "update", "-qq"]))
        run(*prefix, "apt-get", "update", "-qq", env=env)
        say("running: " + " ".join([*prefix, "apt-get", "install", "-y", "-qq", *apt]))
        run(*prefix, "apt-get", "install", "-y", "-qq", *apt, env=env)
        still = missing_system()
        if not still:
            return
        missing = still
    dnf = sorted({m[2] for m in missing if m[2]})
    brew = sorted({m[3] for m in missing if m[3]})
    say("install them, then run this command again:")
    say("  Debian/Ubuntu: sudo apt-get install " + " ".join(sorted({m[1] for m in missing})))
    say("  Fedora:        sudo dnf install " + " ".join(dnf))
    if brew:
        say("  macOS:         brew install " + " ".join(brew)
            + " (and the Xcode command line tools: xcode-select --install)")
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
    ensure_system()
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
    if argv and argv[0] == "system":
        ensure_system()
        return
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
