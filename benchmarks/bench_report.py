#!/usr/bin/env python3
"""Time, memory and length of the PDF report, side by side with bare WeasyPrint.

Usage: ``.venv/bin/python benchmarks/bench_report.py [questionnaire.yaml ...] [--runs N]
[--no-pages]`` (default: the weak and the strong example).

For each questionnaire, in one run and interleaved so that both see the same machine:

- the whole process ``paris-check report FILE`` (interpreter start, imports, loading the rules,
  the assessment, HTML and PDF), wall time and peak memory (``wait4`` of that process);
- a bare WeasyPrint process laying out plain paragraphs on the same number of pages (same
  interpreter start and WeasyPrint import).

The best of ``--runs`` runs of each is compared. Targets (issue 11): time within 1.5x of bare
WeasyPrint, peak memory at most 150 MB for the weak example. Then the page counts of the
default report (no annexes) of the strong and weak examples and of the calibration cases
(``questionnaires/sca-decisions``, header ``#@ origin: calibration``), in English and French:
targets 12, 25 and 15 pages in English, French within 10 % of English.

Prints figures only; it is not a test (timings depend on the machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires" / "examples"
TARGET_RATIO = 1.5
TARGET_MB = 150
PAGE_TARGETS = {"strong-commission": 12, "weak-advisory-council": 25}
CALIBRATION_TARGET = 15
FILLER = ("the institution shall be independent of government and report to parliament on the "
          "human rights situation in the country every year")


def _bare_html(pages: int, paragraphs_per_page: int) -> str:
    words = FILLER.split()
    body = []
    for p in range(pages):
        body.append(f"<h1>Section {p + 1}</h1>")
        for i in range(paragraphs_per_page):
            text = " ".join(words[(i + j) % len(words)] for j in range(60))
            body.append(f"<p>{text}.</p>")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>bare</title>"
            "<style>@page{size:A4;margin:20mm} body{font-family:'DejaVu Sans';font-size:9pt}"
            "h1{break-before:page}</style></head><body>" + "".join(body) + "</body></html>")


def child_bare(pages: int, out: str) -> None:
    """The baseline process: bare HTML of ``pages`` pages, laid out and written."""
    from weasyprint import HTML

    doc = HTML(string=_bare_html(pages, 9)).render()
    Path(out).write_bytes(doc.write_pdf() or b"")
    print(json.dumps({"pages": len(doc.pages)}))


def _run(args: list[str]) -> tuple[float, float, str]:
    """Wall time (s), peak resident memory (MB, from ``wait4``: this process only) and
    standard output of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # read the pipes before reaping, then reap with wait4 to get this child's own rusage
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def time_one(path: Path, runs: int) -> dict[str, float]:
    """Best-of-``runs`` whole-process times of the report and of bare WeasyPrint."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        bare = Path(tmp) / "bare.pdf"
        report_cmd = [sys.executable, "-m", "paris_check", "report", str(path), "-o", str(pdf),
                      "--force"]
        rep_t, rep_mb, pages = [], [], 0
        bare_t, bare_mb = [], []
        for _ in range(runs):
            t, mb, _out = _run(report_cmd)
            rep_t.append(t)
            rep_mb.append(mb)
            pages = _pages(pdf)
            t, mb, out = _run([sys.executable, __file__, "--child-bare", str(pages), str(bare)])
            bare_t.append(t)
            bare_mb.append(mb)
            if json.loads(out)["pages"] != pages:
                raise SystemExit("the bare baseline did not give the same number of pages")
    return {"pages": pages, "report_s": min(rep_t), "report_mb": max(rep_mb),
            "bare_s": min(bare_t), "bare_mb": max(bare_mb)}


def _calibration_cases() -> list[Path]:
    folder = ROOT / "questionnaires" / "sca-decisions"
    return sorted(p for p in folder.glob("*.yaml")
                  if "#@ origin: calibration" in p.read_text("utf-8"))


def page_counts() -> list[tuple[str, int, int]]:
    """(name, English pages, French pages) of the default report."""
    import io

    from pypdf import PdfReader

    import paris_check

    out = []
    for path in [EXAMPLES / "strong-commission.yaml", EXAMPLES / "weak-advisory-council.yaml",
                 *_calibration_cases()]:
        q = paris_check.load_questionnaire(path)
        a = paris_check.assess(q)
        counts = [len(PdfReader(io.BytesIO(paris_check.render(a, "pdf", lang=lang,
                                                             questionnaire=q))).pages)
                  for lang in ("en", "fr")]
        out.append((path.stem, counts[0], counts[1]))
    return out


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--child-bare":
        child_bare(int(argv[1]), argv[2])
        return 0
    runs = 3
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    pages = "--no-pages" not in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or [
        EXAMPLES / "weak-advisory-council.yaml", EXAMPLES / "strong-commission.yaml"]
    ok = True
    for path in files:
        m = time_one(path, runs)
        ratio = m["report_s"] / m["bare_s"]
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{name}: {m['pages']:.0f} pages")
        print(f"  paris-check report (whole process): {m['report_s']:.2f} s, "
              f"peak {m['report_mb']:.0f} MB")
        print(f"  bare WeasyPrint, same pages:        {m['bare_s']:.2f} s, "
              f"peak {m['bare_mb']:.0f} MB")
        print(f"  time ratio {ratio:.2f} (target <= {TARGET_RATIO}): "
              f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'}")
        ok = ok and ratio <= TARGET_RATIO
        if path.stem == "weak-advisory-council":
            print(f"  peak memory {m['report_mb']:.0f} MB (target <= {TARGET_MB}): "
                  f"{'ok' if m['report_mb'] <= TARGET_MB else 'MISSED'}")
            ok = ok and m["report_mb"] <= TARGET_MB
    if pages:
        print(f"\n{'report (default, no annexes)':42s} {'en':>4s} {'fr':>4s}  target")
        for name, en, fr in page_counts():
            target = PAGE_TARGETS.get(name, CALIBRATION_TARGET)
            good = en <= target and fr <= en * 1.1
            ok = ok and good
            print(f"{name:42s} {en:4d} {fr:4d}  en <= {target}, fr <= {en * 1.1:.1f}: "
                  f"{'ok' if good else 'MISSED'}")
    return 0 if ok else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
