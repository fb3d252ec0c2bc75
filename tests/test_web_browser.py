"""`paris-check serve` in a real browser: headless Chromium driven through ChromeDriver.

The server is the real command (``paris-check serve FILE --no-browser --port 0`` in a
subprocess) on a copy of a questionnaire; the browser opens the address it prints and is used as
a person would: choosing, typing, Tab to leave a field, reloading, downloading a report.

Needs Debian's ``chromium`` and ``chromium-driver`` (``scripts/dev.py system`` installs them) and
Selenium (the test extra). Selenium is given the system's driver, so it never downloads one. The
tests skip when the browser is missing on a developer's computer, but fail in CI (``CI`` or
``PARIS_CHECK_REQUIRE_BROWSER=1``, which ``.ci/run`` sets): there they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "questionnaires" / "template.yaml"
WEAK = ROOT / "questionnaires" / "examples" / "weak-advisory-council.yaml"
WAIT = 20  # seconds: the longest any single step may take (a PDF is rendered in about one)
#: Chromium's flags on a machine without network (it stalls on its background services).
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1280,1000")


def browser_required() -> bool:
    """Whether a missing browser fails the tests instead of skipping them (CI)."""
    def on(name: str) -> bool:
        return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
    return on("CI") or on("PARIS_CHECK_REQUIRE_BROWSER")


def _unavailable(why: str) -> None:
    if browser_required():
        pytest.fail(f"the browser tests must run here (CI): {why}", pytrace=False)
    pytest.skip(why)


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        _unavailable("no Chromium or ChromeDriver (Debian: apt-get install chromium "
                     "chromium-driver)")
    assert browser is not None and driver is not None
    return browser, driver


# --- the browser and the server --------------------------------------------------------------

@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the whole module (starting one takes about two seconds)."""
    browser, chromedriver = _chromium()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("Selenium is not installed (pip install -e '.[test]')")
    os.environ["SE_OFFLINE"] = "1"  # Selenium Manager must never download a driver or browser
    profile = tmp_path_factory.mktemp("chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.prompt_for_download": False})
    chrome = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    chrome.set_page_load_timeout(WAIT)
    try:
        yield chrome
    finally:
        chrome.quit()


@dataclass
class Server:
    """A running ``paris-check serve`` and the address it printed (with the token)."""

    file: Path
    url: str
    process: subprocess.Popen[str]

    @property
    def origin(self) -> str:
        return self.url.split("/?")[0]

    def page(self, path: str) -> str:
        """The address of ``path`` with the token (the server moves it into a cookie)."""
        token = self.url.split("?", 1)[1]
        return f"{self.origin}{path}{'&' if '?' in path else '?'}{token}"


def _start(file: Path) -> Server:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "paris_check", "serve", str(file), "--no-browser", "--port", "0"],
        cwd=file.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + WAIT
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if m := re.search(r"open this address in your browser: (http://127\.0\.0\.1:\d+/\?token="
                          r"[\w-]+)", line):
            return Server(file, m[1], process)
    process.kill()
    raise AssertionError("paris-check serve printed no address: " + "".join(seen))


@pytest.fixture(scope="module")
def server(driver: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One ``paris-check serve`` for the module, on ``my-institution.yaml`` in a temporary
    folder (each test puts the questionnaire it starts from there: see :func:`serve`)."""
    file = tmp_path_factory.mktemp("serve") / "my-institution.yaml"
    shutil.copyfile(TEMPLATE, file)
    running = _start(file)
    try:
        yield running
    finally:
        running.process.terminate()
        try:
            running.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            running.process.kill()


@pytest.fixture
def serve(server: Server) -> Callable[[Path], Server]:
    """The server, its file replaced by a fresh copy of a questionnaire (the page reads the file
    at each request, as when a text editor changes it)."""
    def start(source: Path = TEMPLATE) -> Server:
        shutil.copyfile(source, server.file)
        return server
    return start


# --- helpers ---------------------------------------------------------------------------------

def _not_accredited_template(folder: Path) -> Path:
    """A copy of the blank questionnaire in ``folder``, its comments kept, answering only
    ``profile.current_status: not_accredited``."""
    text = TEMPLATE.read_text("utf-8")
    answered = re.sub(r"^(  current_status:)[^\n#]*", r"\1 not_accredited", text, count=1,
                      flags=re.M)
    assert answered != text
    out = folder / "not-accredited.yaml"
    out.write_text(answered, "utf-8")
    return out


def wait_for(driver: Any, condition: Callable[[Any], Any], what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition)
    except TimeoutException:
        status = driver.execute_script(
            "const s = document.getElementById('save-status'); return s && s.textContent;")
        raise AssertionError(f"timed out waiting for {what} (save status: {status!r})") from None


def by_css(driver: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def text_of(driver: Any, selector: str) -> str:
    return str(by_css(driver, selector).text)


def saved(driver: Any) -> None:
    """Wait until the page's last change is saved (the status line says so)."""
    wait_for(driver, lambda d: text_of(d, "#save-status") == "Saved.", "the save")


def gap_codes(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#findings .gaps .code")]


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def validates(path: Path) -> bool:
    """Whether ``paris-check validate`` passes the file (run in-process: it is quicker)."""
    from click.testing import CliRunner

    from paris_check.cli import main

    result = CliRunner().invoke(main, ["validate", str(path)])
    return result.exit_code == 0 and result.output == f"{path}: ok\n"


# --- the tests -------------------------------------------------------------------------------

@pytest.mark.slow
def test_answering_in_the_browser_updates_the_file_and_the_findings(driver: Any, serve: Any,
                                                                    tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    # Start from the blank questionnaire with one answer: not accredited yet (so that a decree
    # for founding text makes B likely whatever the refit).
    server = serve(_not_accredited_template(tmp_path))
    before = server.file.read_text("utf-8")
    driver.get(server.page("/s/establishment"))
    # The token moved into a cookie and out of the address; the script ran under the CSP.
    assert "token=" not in driver.current_url
    assert driver.execute_script("return document.documentElement.className") == "js"
    assert by_css(driver, "button.add-row").get_attribute("hidden") is None  # shown by the script
    assert text_of(driver, "#findings .status-label") == "Insufficient information"
    assert gap_codes(driver) == []

    # Choose with the keyboard: focus the answer, pick "decree", leave with Tab.
    legal = by_css(driver, "#q-establishment-legal-basis-value")
    legal.send_keys("decree")
    legal.send_keys(Keys.TAB)
    saved(driver)
    wait_for(driver, lambda d: "ES01" in gap_codes(d), "the gap ES01")
    assert text_of(driver, "#findings .status-label") == "B likely"
    gap = by_css(driver, "#findings .gaps a[href$='#q-establishment-legal-basis']")
    assert "ES01" in gap.text  # the gap links to the question that decides it
    assert "1/4" in text_of(driver, "#nav li.current .count")  # progress of the section

    # A second answer, by mouse: the gap goes once the basis is a statute.
    Select(by_css(driver, "#q-establishment-legal-basis-value")).select_by_value("statute")
    saved(driver)
    wait_for(driver, lambda d: "ES01" not in gap_codes(d), "ES01 to go")

    # Reload: the answers are the file's.
    driver.refresh()
    wait_for(driver, lambda d: Select(by_css(d, "#q-establishment-legal-basis-value"))
             .first_selected_option.get_attribute("value") == "statute", "the saved answer")

    # The file: the answer written, every comment of the blank questionnaire kept, valid.
    after = server.file.read_text("utf-8")
    assert re.search(r"^  legal_basis: statute$", after, re.M)
    assert comment_lines(after) == comment_lines(before)
    assert validates(server.file)


@pytest.mark.slow
def test_a_validation_error_is_shown_beside_the_field(driver: Any, serve: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    server = serve(TEMPLATE)
    before = server.file.read_bytes()
    driver.get(server.page("/s/tenure"))
    term = by_css(driver, "#q-tenure-term-years-value")
    term.send_keys("five", Keys.TAB)
    message = wait_for(driver, lambda d: text_of(d, "#q-tenure-term-years-err"),
                       "the message beside the field")
    assert re.fullmatch(r".*my-institution\.yaml:\d+:3: PC015 tenure\.term_years: 'five' is not a "
                        r"number — write digits only, e.g\. 5", message), message
    assert term.get_attribute("aria-invalid") == "true"
    assert "has-error" in by_css(driver, "#q-tenure-term-years").get_attribute("class")
    assert server.file.read_bytes() == before  # nothing that fails the check is written
    term.clear()
    term.send_keys("5", Keys.TAB)
    saved(driver)
    assert text_of(driver, "#q-tenure-term-years-err") == ""
    assert term.get_attribute("aria-invalid") is None
    assert re.search(r"^  term_years: 5$", server.file.read_text("utf-8"), re.M)


@pytest.mark.slow
def test_a_justification_is_recorded_from_the_browser(driver: Any, serve: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    server = serve(WEAK)
    driver.get(server.page("/s/establishment"))
    link = by_css(driver, "#findings a.justify[href$='#q-justifications-ES01']")
    assert link.text == "Justify this gap"
    link.click()
    wait_for(driver, lambda d: d.current_url.endswith("/s/justifications#q-justifications-ES01"),
             "the justifications page")
    box = by_css(driver, "#q-justifications-ES01")
    by_css(box, "summary").click()
    by_css(box, "textarea").send_keys("A bill giving the council a statute is before parliament.")
    by_css(driver, "#q-justifications-ES01-until").send_keys("2026-09-30", Keys.TAB)
    saved(driver)
    wait_for(driver, lambda d: "Justification recorded" in text_of(
        d, "#findings .gap a.justify[href$='#q-justifications-ES01']"), "the findings' link")
    text = server.file.read_text("utf-8")
    assert text.endswith("justifications:\n  ES01:\n    text: A bill giving the council a statute "
                         "is before parliament.\n    until: 2026-09-30\n")
    assert validates(server.file)


@pytest.mark.slow
def test_the_pdf_report_downloads(driver: Any, serve: Any, tmp_path: Path) -> None:
    server = serve(TEMPLATE)  # the shortest report: a PDF takes seconds to render
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.get(server.page("/s/selection"))
    assert by_css(driver, "#report-format").get_attribute("value") == "pdf"
    by_css(driver, "form.reports button[type='submit']").click()
    target = downloads / "my-institution.pdf"
    wait_for(driver, lambda d: target.is_file() and target.stat().st_size > 0, "the PDF")
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_the_arabic_form_is_right_to_left(driver: Any, serve: Any) -> None:
    server = serve(WEAK)
    driver.get(server.page("/s/selection?lang=ar"))
    html = by_css(driver, "html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    for selector in ("html", "main", "#q-selection-vacancies-advertised"):
        assert driver.execute_script(
            "return getComputedStyle(arguments[0]).direction", by_css(driver, selector)) == "rtl"
    assert text_of(driver, "#findings-h") != "Live findings"  # translated
    # The form column is right of the sections' column, as Arabic reads.
    nav = by_css(driver, "#nav").rect
    main = by_css(driver, "main").rect
    assert nav["x"] > main["x"]


@pytest.mark.slow
def test_without_the_token_the_browser_is_refused(driver: Any, serve: Any) -> None:
    server = serve(WEAK)
    driver.get(server.page("/s/selection"))  # with the token: the cookie is set
    assert driver.find_elements("css selector", "#qform")
    driver.delete_all_cookies()
    driver.get(server.origin + "/s/selection")
    assert "refused: open the address that `paris-check serve` printed" in text_of(driver, "body")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(server.origin + "/s/selection", timeout=WAIT)
    assert refused.value.code == 403
