"""The documentation builds without warnings, its doctests pass, and it documents every rule.

Both builds share one doctree folder, so the doctest build reuses the parsed documents of the
HTML build. The rule pages are generated from the bundled packs at build time; a rule missing
from them means the generator lost it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from paris_check.packs import load_bundled
from paris_check.questionnaire.catalogue import questions

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

pytest.importorskip("sphinx")
pytest.importorskip("myst_parser")


def _sphinx(builder: str, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", builder,
         "-d", str(doctrees), str(DOCS), str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the HTML site once for every test in this module."""
    base = tmp_path_factory.mktemp("docs")
    proc = _sphinx("html", base / "html", base / "doctrees")
    assert proc.returncode == 0, f"sphinx html failed:\n{proc.stdout}\n{proc.stderr}"
    return base


def test_html_builds_without_warnings(built: Path) -> None:
    assert (built / "html" / "index.html").is_file()


def test_doctests_pass(built: Path) -> None:
    proc = _sphinx("doctest", built / "doctest", built / "doctrees")
    assert proc.returncode == 0, f"sphinx doctest failed:\n{proc.stdout}\n{proc.stderr}"
    report = (built / "doctest" / "output.txt").read_text("utf-8")
    assert "0 failures in tests" in report
    assert "1 failure" not in report


def test_every_rule_has_a_section_on_its_pack_page(built: Path) -> None:
    ruleset = load_bundled()
    assert ruleset.rules, "no bundled rules"
    html = built / "html" / "_generated" / "rules"
    index = (html / "index.html").read_text("utf-8")
    missing = []
    for pack in ruleset.packs:
        page = (html / f"{pack.name}.html").read_text("utf-8")
        for rule in pack.rules:
            anchor = f'id="rule-{rule.code.lower()}"'
            if anchor not in page or f"#rule-{rule.code.lower()}" not in index:
                missing.append(rule.code)
            elif rule.spec.slug not in page:
                missing.append(f"{rule.code} (slug)")
    assert not missing, f"rules missing from the generated pages: {missing}"


def test_no_page_for_a_pack_that_does_not_exist(built: Path) -> None:
    names = {p.name for p in load_bundled().packs}
    pages = {p.stem for p in (DOCS / "_generated" / "rules").glob("*.md")} - {"index"}
    assert pages == names


def test_every_question_is_in_the_questionnaire_reference(built: Path) -> None:
    page = (built / "html" / "_generated" / "questionnaire.html").read_text("utf-8")
    missing = [qid for qid in questions()
               if f'id="question-{qid.replace(".", "-").replace("_", "-")}"' not in page]
    assert not missing, f"questions missing from the reference: {missing}"


def test_error_examples_are_real_loader_output(built: Path) -> None:
    fragment = (DOCS / "_generated" / "fragments" / "error-examples.md").read_text("utf-8")
    assert "my.yaml:2:1: PC011" in fragment
    assert "did you mean 'selection'?" in fragment


def test_broken_rule_reference_fails_the_build(tmp_path: Path) -> None:
    """The {rule} role must warn (and so fail a -W build) on an unknown code."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        "extensions = ['myst_parser', 'paris_docs']\n"
        "paris_docs_generate = False\n", "utf-8")
    (src / "index.md").write_text("# Test\n\nSee {rule}`ZZ99`.\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(src),
         str(tmp_path / "out")], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode != 0
    assert "rule-zz99" in proc.stderr


def test_rendered_examples_read_back_as_the_pack_examples() -> None:
    """The YAML shown for each example is what the rule's test runs (YAML 1.2, as the tool)."""
    from ruamel.yaml import YAML

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        import paris_docs
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    yaml = YAML(typ="safe", pure=True)
    checked = 0
    for rule in load_bundled().rules:
        for ex in rule.spec.examples:
            nested = paris_docs.nest_answers(ex.answers)
            text = "\n".join(paris_docs.yaml_lines(nested))
            assert (yaml.load(text) or {}) == nested, f"{rule.code}/{ex.name}:\n{text}"
            checked += 1
    assert checked
    assert paris_docs.yaml_scalar("2024") == '"2024"'
    assert paris_docs.yaml_scalar("true") == '"true"'
    assert paris_docs.yaml_scalar("no") == "no"
