#!/usr/bin/env python3
"""Time, memory and length of the PDF report, side by side with bare WeasyPrint.

Usage: ``.venv/bin/python benchmarks/bench_report.py [questionnaire.yaml ...] [--runs N]
[--no-pages] [--no-worst]`` (default: the weak and the strong example).

For each questionnaire, in one run and interleaved so that all see the same machine:

- the whole process ``paris-check report FILE`` (interpreter start, imports, loading the rules,
  the assessment, HTML and PDF): wall time, CPU time and peak memory (``wait4`` of that
  process);
- bare WeasyPrint laying out plain paragraphs on the same pages: one page of paragraphs for
  each page of the report, holding as many characters as that page, with the report's fonts
  (the bundled DejaVu faces through ``@font-face``) and the same PDF/UA-1 tagging;
- bare WeasyPrint laying out the report's own HTML and stylesheet, same options: the share of
  the time that is layout of the report's structure rather than paris_check's Python.

The best of ``--runs`` runs of each is compared. Targets (issue 11): time within 1.5x of bare
WeasyPrint on plain paragraphs, peak memory at most 150 MB for the weak example. A last line per
questionnaire says where the time goes inside one process (imports, assessment, HTML, layout,
PDF writing).

Then the worst valid input (:mod:`worst_input`: free text at its limits where the report shows
it most): whole-process time and peak memory, default and with ``--annexes``; targets 10 s and
300 MB. Then the page counts of the default report (no annexes) of the strong and weak examples
and of the calibration cases (``questionnaires/sca-decisions``, header ``#@ origin:
calibration``), in English and French: targets 12, 25 and 15 pages in English, French within
10 % of English.

Prints figures only; it is not a test (timings depend on the machine: on a shared machine read
the CPU times, which other processes disturb less than the wall times).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires" / "examples"
TARGET_RATIO = 1.5
TARGET_MB = 150
WORST_SECONDS = 10
WORST_MB = 300
PAGE_TARGETS = {"strong-commission": 12, "weak-advisory-council": 25}
CALIBRATION_TARGET = 15
FULL_PAGE = 6_000  # characters of plain 7.8 pt paragraphs on one page of the report's size
FILLER = ("the institution shall be independent of government and report to parliament on the "
          "human rights situation in the country every year")


def _bare_html(page_chars: list[int], lang: str = "en") -> str:
    """Plain paragraphs, one page per entry of ``page_chars``, as many characters on each (up
    to :data:`FULL_PAGE`, what a plain page holds)."""
    words = FILLER.split()
    body = []
    for p, chars in enumerate(page_chars):
        body.append(f"<h1>Section {p + 1}</h1>")
        text, i = [], p
        while sum(len(w) + 1 for w in text) < min(chars, FULL_PAGE):
            text.append(words[i % len(words)])
            i += 1
        for k in range(0, len(text), 60):
            body.append(f"<p>{' '.join(text[k:k + 60])}.</p>")
    fonts = _font_faces()
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>bare</title>"
            f"<style>{fonts} @page{{size:A4;margin:20mm 16mm 18mm 16mm}} "
            "body{font-family:'Report Sans';font-size:7.8pt;line-height:1.28} "
            "p{margin:0 0 1mm} h1{break-before:page;font-size:10pt;margin:0 0 2mm}"
            "</style></head><body>"
            + "".join(body) + "</body></html>")


def _report_dir() -> Path:
    """The report package's folder, found without importing paris_check (this process stays
    small: a child's peak memory counts what it inherited before ``exec``)."""
    spec = importlib.util.find_spec("paris_check")
    assert spec and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "report"


def _font_faces() -> str:
    """The report's own ``@font-face`` rules (the bundled fonts)."""
    css = (_report_dir() / "report.css").read_text("utf-8")
    return "".join(re.findall(r"@font-face\s*{[^}]*}", css))


def child_bare(spec: str, out: str) -> None:
    """A baseline process: WeasyPrint alone (no paris_check import), PDF/UA-1 tagged.

    ``spec`` is a JSON file: ``{"html": path, "base": url, "css": path or null}``.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    job = json.loads(Path(spec).read_text("utf-8"))
    fonts = FontConfiguration()  # as the report: the @font-face fonts are loaded and embedded
    sheets = ([CSS(filename=job["css"], base_url=job["base"], font_config=fonts)]
              if job["css"] else [])
    doc = HTML(string=Path(job["html"]).read_text("utf-8"), base_url=job["base"]).render(
        stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1", pdf_tags=True)
    Path(out).write_bytes(doc.write_pdf(pdf_variant="pdf/ua-1") or b"")
    print(json.dumps({"pages": len(doc.pages)}))


def child_phases(path: str, html_out: str, pdf_out: str, annexes: bool) -> None:
    """One report, timed phase by phase inside this process; also writes its HTML and PDF and
    prints the characters on each page."""
    marks = [("start", time.perf_counter())]
    import paris_check
    from paris_check.report import html_to_pdf, render_html
    marks.append(("imports", time.perf_counter()))
    q = paris_check.load_questionnaire(path)
    a = paris_check.assess(q)
    marks.append(("load and assess", time.perf_counter()))
    html = render_html(a, questionnaire=q, for_pdf=True, annexes=annexes)
    marks.append(("HTML", time.perf_counter()))
    Path(pdf_out).write_bytes(html_to_pdf(html))
    marks.append(("PDF", time.perf_counter()))
    Path(html_out).write_text(html, "utf-8")
    phases = {name: marks[i + 1][1] - marks[i][1] for i, (name, _t) in enumerate(marks[1:])}
    print(json.dumps({"phases": phases, "pages": _page_chars(Path(pdf_out))}))


def child_worst(out: str) -> None:
    """Write the worst valid input (:mod:`worst_input`) to ``out``."""
    from worst_input import to_yaml, worst_valid

    Path(out).write_text(to_yaml(worst_valid()), "utf-8")


def _run(args: list[str]) -> tuple[float, float, str, float]:
    """Wall time (s), peak resident memory (MB, from ``wait4``: this process only), standard
    output and CPU time (s, user and system) of one process."""
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
    return seconds, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


def _page_chars(pdf: Path) -> list[int]:
    """Characters of text on each page of a PDF."""
    from pypdf import PdfReader

    return [len(page.extract_text() or "") for page in PdfReader(str(pdf)).pages]


def time_one(path: Path, runs: int) -> dict[str, Any]:
    """Best-of-``runs`` whole-process times of the report and of the two bare baselines."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf, bare, spec = Path(tmp) / "report.pdf", Path(tmp) / "bare.pdf", Path(tmp) / "job"
        html, plain = Path(tmp) / "report.html", Path(tmp) / "plain.html"
        report_dir = _report_dir()
        first = json.loads(_run([sys.executable, __file__, "--child-phases", str(path),
                                 str(html), str(pdf)])[2])
        pages = first["pages"]
        plain.write_text(_bare_html(pages), "utf-8")
        base = report_dir.as_uri() + "/"
        jobs = {"plain": {"html": str(plain), "css": None, "base": base},
                "same_html": {"html": str(html), "css": str(report_dir / "report.css"),
                              "base": base}}
        report_cmd = [sys.executable, "-m", "paris_check", "report", str(path), "-o", str(pdf),
                      "--force"]
        out: dict[str, list[tuple[float, float, float]]] = {k: [] for k in ("report", *jobs)}
        for _ in range(runs):
            t, mb, _out, cpu = _run(report_cmd)
            out["report"].append((t, cpu, mb))
            for kind, job in jobs.items():
                spec.write_text(json.dumps(job), "utf-8")
                t, mb, text, cpu = _run([sys.executable, __file__, "--child-bare", str(spec),
                                         str(bare)])
                out[kind].append((t, cpu, mb))
                if json.loads(text)["pages"] != len(pages):
                    raise SystemExit(f"the bare baseline ({kind}) did not give "
                                     f"{len(pages)} pages")
    best = {k: (min(r[0] for r in v), min(r[1] for r in v), max(r[2] for r in v))
            for k, v in out.items()}
    return {"pages": len(pages), "best": best, "phases": first["phases"]}


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


def _print_times(name: str, m: dict[str, Any]) -> float:
    """Print one questionnaire's figures; return the time ratio to plain paragraphs."""
    best = m["best"]
    rep, plain, same = best["report"], best["plain"], best["same_html"]
    print(f"{name}: {m['pages']} pages")
    print(f"  paris-check report (whole process):    {rep[0]:6.2f} s wall, {rep[1]:6.2f} s CPU, "
          f"peak {rep[2]:.0f} MB")
    print(f"  bare WeasyPrint, plain paragraphs:      {plain[0]:6.2f} s wall, {plain[1]:6.2f} s "
          f"CPU, peak {plain[2]:.0f} MB")
    print(f"  bare WeasyPrint, the report's own HTML: {same[0]:6.2f} s wall, {same[1]:6.2f} s "
          f"CPU, peak {same[2]:.0f} MB")
    ratio = rep[0] / plain[0]
    print(f"  time ratio to plain paragraphs {ratio:.2f} (CPU {rep[1] / plain[1]:.2f}; target "
          f"<= {TARGET_RATIO}): {'ok' if ratio <= TARGET_RATIO else 'MISSED'}; to the same HTML "
          f"{rep[0] / same[0]:.2f} (CPU {rep[1] / same[1]:.2f})")
    if m["phases"]:
        print("  inside one process: " + ", ".join(f"{k} {v:.2f} s"
                                                   for k, v in m["phases"].items()))
    return ratio


def worst_rows(runs: int) -> bool:
    """Time and memory of the worst valid input, default and with annexes."""
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "worst-valid-input.yaml"
        _run([sys.executable, __file__, "--child-worst", str(path)])
        for extra in ((), ("--annexes",)):
            pdf = Path(tmp) / "worst.pdf"
            cmd = [sys.executable, "-m", "paris_check", "report", str(path), "-o", str(pdf),
                   "--force", *extra]
            results = [_run(cmd) for _ in range(runs)]
            t = min(r[0] for r in results)
            cpu = min(r[3] for r in results)
            mb = max(r[1] for r in results)
            good = t <= WORST_SECONDS and mb <= WORST_MB
            ok = ok and good
            label = "worst valid input" + (" --annexes" if extra else "")
            print(f"{label:28s} {len(_page_chars(pdf)):4d} pages {t:6.2f} s wall, {cpu:6.2f} s "
                  f"CPU, peak {mb:.0f} MB (targets {WORST_SECONDS} s, {WORST_MB} MB): "
                  f"{'ok' if good else 'MISSED'}")
    return ok


def main(argv: list[str]) -> int:
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return 0
    if argv and argv[0] == "--child-bare":
        child_bare(argv[1], argv[2])
        return 0
    if argv and argv[0] == "--child-phases":
        child_phases(argv[1], argv[2], argv[3], "--annexes" in argv)
        return 0
    if argv and argv[0] == "--child-worst":
        child_worst(argv[1])
        return 0
    runs = 3
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    pages = "--no-pages" not in argv
    worst = "--no-worst" not in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or [
        EXAMPLES / "weak-advisory-council.yaml", EXAMPLES / "strong-commission.yaml"]
    ok = True
    for path in files:
        m = time_one(path, runs)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        ratio = _print_times(str(shown), m)
        ok = ok and ratio <= TARGET_RATIO
        if path.stem == "weak-advisory-council":
            peak = m["best"]["report"][2]
            print(f"  peak memory {peak:.0f} MB (target <= {TARGET_MB}): "
                  f"{'ok' if peak <= TARGET_MB else 'MISSED'}")
            ok = ok and peak <= TARGET_MB
    if worst:
        print()
        ok = worst_rows(runs) and ok
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
