"""`paris-check rules check DIR`: a user's rule packs are validated and their examples run."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from paris_check.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rules" / "special-mandates.yaml"


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(ROOT / "rules" / "_exclusions.yaml", folder / "_exclusions.yaml")
    (folder / "special-mandates.yaml").write_text(text, "utf-8")
    return folder


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_bundled_packs_pass() -> None:
    r = CliRunner().invoke(main, ["rules", "check", str(ROOT / "rules")])
    assert r.exit_code == 0, r.stderr
    assert "examples give what they expect" in r.stdout


def test_a_wrong_expect_is_reported_at_the_example(tmp_path: Path) -> None:
    text = PACK.read_text("utf-8").replace(
        "      - name: no-designation\n        expect: not_applicable",
        "      - name: no-designation\n        expect: met", 1)
    folder = _folder(tmp_path, text)
    r = CliRunner().invoke(main, ["rules", "check", str(folder)])
    assert r.exit_code == 3, r.stderr
    line = _line_of(text, "- name: no-designation")
    assert f"special-mandates.yaml:{line}:" in r.stderr and "PC122" in r.stderr
    assert "expects met, the rule gives not_applicable" in r.stderr


def test_a_condition_too_large_for_the_engine_is_refused_at_load_with_its_line(
        tmp_path: Path) -> None:
    """It used to pass `rules list` and fail only at assess time, with no location."""
    qs = ["selection.formalised", "selection.vacancies_advertised",
          "selection.broad_candidate_pool", "selection.civil_society_participation",
          "selection.published_merit_criteria", "selection.individual_capacity",
          "selection.official_act", "selection.covers_deputies", "tenure.fixed_term",
          "tenure.remunerated", "tenure.conflict_of_interest_rules",
          "tenure.dismissal_grounds_defined"]
    alts = "".join(f"          - any: [{{q: {a}, law: \"no\"}}, {{q: {b}, law: \"no\"}}]\n"
                   for a, b in zip(qs[::2], qs[1::2], strict=True))
    big = ("    gap_when:\n      all:\n" + alts.replace("          - ", "        - "))
    text = PACK.read_text("utf-8")
    start = text.index("    gap_when:\n")
    end = text.index("    finding:", start)
    text = text[:start] + big + text[end:]
    folder = _folder(tmp_path, text)
    for cmd in (["rules", "check", str(folder)], ["rules", "list", "--rules", str(folder)]):
        r = CliRunner().invoke(main, cmd)
        assert r.exit_code == 3, (cmd, r.stdout, r.stderr)
        assert "PC104" in r.stderr and "alternatives" in r.stderr
        assert f"special-mandates.yaml:{_line_of(text, 'gap_when:')}:" in r.stderr
