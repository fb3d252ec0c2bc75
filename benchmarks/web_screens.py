#!/usr/bin/env python3
"""Screenshots of the self-check form (``paris-check serve``) with headless Chromium.

Not run by CI (its browser tests are ``tests/test_web_browser.py``); needs Debian's ``chromium``
package, which ``scripts/dev.py system`` installs. Serves a copy of a bundled example on
127.0.0.1 and takes full-window PNGs of a few pages, in English and in Arabic (right to left),
for the documentation and for looking at the layout:

    .venv/bin/python benchmarks/web_screens.py                 # into out/web-screens/
    .venv/bin/python benchmarks/web_screens.py --docs          # the pictures of docs/web.md
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "questionnaires" / "examples" / "weak-advisory-council.yaml"
DOCS_IMAGES = ROOT / "docs" / "images"
#: (file name, page, language, window size); the first three are the documentation's.
SHOTS = (
    ("web-form-en.png", "selection", "en", "1280,1800"),
    ("web-form-ar.png", "selection", "ar", "1280,1800"),
    ("web-justifications-en.png", "justifications", "en", "1280,1200"),
    ("web-form-fr-tenure.png", "tenure", "fr", "1280,1400"),
    ("web-form-narrow.png", "profile", "en", "700,1400"),
)
DOCS_SHOTS = 3
#: Chromium on a machine without network stalls on its background services without these.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    sys.exit("web_screens: no Chromium found (Debian: apt-get install chromium)")


def _shrink(path: Path) -> None:
    """A 256-colour PNG: a third of the size, no visible difference for a form."""
    from PIL import Image

    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(argv: list[str]) -> int:
    import uvicorn

    from paris_check.web import _listen
    from paris_check.web.app import create_app

    docs = "--docs" in argv
    argv = [a for a in argv if a != "--docs"]
    out = DOCS_IMAGES if docs else Path(argv[0]) if argv else ROOT / "out" / "web-screens"
    shots = SHOTS[:DOCS_SHOTS] if docs else SHOTS
    out.mkdir(parents=True, exist_ok=True)
    browser = chromium()
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        # Served by a relative name, as a user would start it: the page shows that name.
        os.chdir(tmp)
        file = Path("my-institution.yaml")
        shutil.copyfile(EXAMPLE, file)
        sock = _listen("127.0.0.1", 0)
        port = sock.getsockname()[1]
        token = secrets.token_urlsafe(16)
        app = create_app(file, port=port, token=token)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                               lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        for _ in range(100):  # at most 10 s for the server to start
            if server.started:
                break
            time.sleep(0.1)
        try:
            for name, page, lang, size in shots:
                url = f"http://127.0.0.1:{port}/s/{page}?lang={lang}&token={token}"
                target = (out if out.is_absolute() else here / out) / name
                subprocess.run(
                    [browser, *FLAGS, f"--user-data-dir={tmp}/profile",
                     f"--window-size={size}", "--virtual-time-budget=3000",
                     f"--screenshot={target}", url],
                    check=True, capture_output=True, timeout=120)
                if docs:
                    _shrink(target)
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            os.chdir(here)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
