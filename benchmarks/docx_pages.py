"""Render the Word documents to PDF with LibreOffice and print their page counts and timings.

    .venv/bin/python benchmarks/docx_pages.py [OUT_DIR]

Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui); it is not installed by
CI, which checks the documents with python-docx instead. Writes the DOCX files, their PDF
renderings and, with pdftoppm, PNG pages to OUT_DIR (default: out/docx) to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str]) -> int:
    import paris_check
    from paris_check.report.docx import render_docx
    from paris_check.report.statement import render_statement

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
        return 2
    out = Path(argv[0]) if argv else ROOT / "out" / "docx"
    out.mkdir(parents=True, exist_ok=True)
    for example in ("strong-commission", "weak-advisory-council"):
        q = paris_check.load_questionnaire(ROOT / "questionnaires" / "examples" / f"{example}.yaml")
        a = paris_check.assess(q)
        for lang in ("en", "fr", "es", "ar"):
            for kind, data in (("report", render_docx(a, lang=lang, questionnaire=q)),
                               ("statement", render_statement(q, lang=lang))):
                path = out / f"{example}-{kind}-{lang}.docx"
                path.write_bytes(data)
                t0 = time.perf_counter()
                subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir",
                                str(out), str(path)], check=True, capture_output=True,
                               timeout=300)
                pdf = path.with_suffix(".pdf")
                pages = "?"
                if shutil.which("pdfinfo"):
                    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                          text=True).stdout
                    pages = next((ln.split()[-1] for ln in info.splitlines()
                                  if ln.startswith("Pages:")), "?")
                if shutil.which("pdftoppm"):
                    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "2", "-png",
                                    str(pdf), str(pdf.with_suffix(""))], check=False)
                print(f"{path.name}: {len(data) / 1024:.0f} KiB, {pages} pages, "
                      f"LibreOffice {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
