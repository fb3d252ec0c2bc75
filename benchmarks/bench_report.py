#!/usr/bin/env python3
"""Time and memory of the PDF report against WeasyPrint drawing bare HTML of the same length.

Two baselines: plain paragraphs laid out on the same number of pages (the target), and the
report's own HTML with no stylesheet (same content, so it shows what the styling costs).

Usage: ``.venv/bin/python benchmarks/bench_report.py [questionnaire.yaml]`` (default: the
largest file under questionnaires/examples/). Targets: within 1.3x of bare WeasyPrint, peak
memory under 250 MB. Each measurement runs in a fresh process so peaks do not mix.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.3
TARGET_MB = 250
FILLER = ("the institution shall be independent of government and report to parliament on the "
          "human rights situation in the country every year")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def child_report(path: str) -> dict[str, float]:
    from paris_check.assess import Assessor
    from paris_check.packs import load_bundled
    from paris_check.questionnaire.load import load_questionnaire
    from paris_check.report import render

    lq = load_questionnaire(path)
    with Assessor(load_bundled()) as assessor:
        a = assessor.assess(lq.questionnaire, source_name=lq.name, source_bytes=lq.raw)
    render(a, "html", questionnaire=lq.questionnaire)  # warm caches (catalogues, templates)
    start = time.perf_counter()
    pdf = render(a, "pdf", questionnaire=lq.questionnaire)
    seconds = time.perf_counter() - start
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "pages": pages, "bytes": len(pdf)}


def child_bare(pages: int) -> dict[str, float]:
    from weasyprint import HTML

    html = _bare_html(pages, 9)
    HTML(string="<p>warm</p>").write_pdf()
    start = time.perf_counter()
    doc = HTML(string=html).render()
    pdf = doc.write_pdf()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "pages": len(doc.pages),
            "bytes": len(pdf or b"")}


def child_unstyled(path: str) -> dict[str, float]:
    """The report's own HTML drawn with no stylesheet (same content, default styles)."""
    import re

    from weasyprint import HTML

    from paris_check.assess import Assessor
    from paris_check.packs import load_bundled
    from paris_check.questionnaire.load import load_questionnaire
    from paris_check.report import render_html

    lq = load_questionnaire(path)
    with Assessor(load_bundled()) as assessor:
        a = assessor.assess(lq.questionnaire, source_name=lq.name, source_bytes=lq.raw)
    html = render_html(a, questionnaire=lq.questionnaire, for_pdf=True)
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    HTML(string="<p>warm</p>").write_pdf()
    start = time.perf_counter()
    doc = HTML(string=html).render()
    doc.write_pdf()
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(),
            "pages": len(doc.pages), "bytes": 0}


def _run(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--child-report":
        print(json.dumps(child_report(argv[1])))
        return 0
    if argv and argv[0] == "--child-unstyled":
        print(json.dumps(child_unstyled(argv[1])))
        return 0
    if argv and argv[0] == "--child-bare":
        print(json.dumps(child_bare(int(argv[1]))))
        return 0
    if argv:
        path = Path(argv[0])
    else:
        candidates = sorted((ROOT / "questionnaires" / "examples").rglob("*.yaml"),
                            key=lambda p: p.stat().st_size)
        if not candidates:
            print("no example questionnaire found")
            return 1
        path = candidates[-1]
    report = _run("--child-report", str(path))
    bare = _run("--child-bare", str(int(report["pages"])))
    unstyled = _run("--child-unstyled", str(path))
    ratio = report["seconds"] / bare["seconds"]
    print(f"questionnaire: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"report PDF: {report['pages']:.0f} pages, {report['seconds']:.1f} s, "
          f"peak {report['peak_mb']:.0f} MB, {report['bytes'] / 1024:.0f} KiB")
    print(f"bare HTML:  {bare['pages']:.0f} pages, {bare['seconds']:.1f} s, "
          f"peak {bare['peak_mb']:.0f} MB")
    print(f"same HTML without the stylesheet: {unstyled['pages']:.0f} pages, "
          f"{unstyled['seconds']:.1f} s, peak {unstyled['peak_mb']:.0f} MB "
          f"(report/unstyled {report['seconds'] / unstyled['seconds']:.2f})")
    ok_time = ratio <= TARGET_RATIO
    ok_mem = report["peak_mb"] <= TARGET_MB
    print(f"time ratio {ratio:.2f} (target <= {TARGET_RATIO}): {'ok' if ok_time else 'MISSED'}")
    print(f"peak memory {report['peak_mb']:.0f} MB (target <= {TARGET_MB}): "
          f"{'ok' if ok_mem else 'MISSED'}")
    return 0 if ok_time and ok_mem else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
