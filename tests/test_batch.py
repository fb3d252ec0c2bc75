"""Batch runs: one result per questionnaire, roll-up summaries, bad files skipped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import paris_check
from paris_check.batch import find_questionnaires, plan, run_batch, summary_csv
from paris_check.cli import main

DECREE = ("profile:\n  name: Decree Commission\n  current_status: not_accredited\n"
          "establishment:\n  legal_basis: decree\n")
STATUTE = ("profile:\n  name: \"=HYPERLINK(\\\"http://x\\\")\"\n  country: Aldoria\n"
           "establishment:\n  legal_basis: statute\n")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "region" / "deep").mkdir(parents=True)
    (src / ".hidden").mkdir()
    (src / "decree.yaml").write_text(DECREE, encoding="utf-8")
    (src / "region" / "deep" / "statute.yml").write_text(STATUTE, encoding="utf-8")
    (src / "broken.yaml").write_text("profile: [unclosed\n", encoding="utf-8")
    (src / "typo.yaml").write_text("profile:\n  nmae: x\n  acronm: y\n", encoding="utf-8")
    (src / ".hidden" / "skip.yaml").write_text(DECREE, encoding="utf-8")
    (src / "notes.txt").write_text("not a questionnaire", encoding="utf-8")
    return src


def test_discovery_is_recursive_sorted_and_skips_hidden(folder: Path) -> None:
    found = [p.relative_to(folder).as_posix() for p in find_questionnaires(folder)]
    assert found == ["broken.yaml", "decree.yaml", "region/deep/statute.yml", "typo.yaml"]


def test_output_names_do_not_collide(tmp_path: Path) -> None:
    files = [tmp_path / "a.yaml", tmp_path / "a.yml", tmp_path / "summary.yaml"]
    names = [j.rel_target for j in plan(files, tmp_path, tmp_path / "out", "json")]
    assert len(set(names)) == 3 and "summary.json" not in names


def test_batch_in_worker_processes(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen: list[str] = []
    summary = run_batch(folder, out, jobs=2, on_done=lambda row: seen.append(row.file))
    assert sorted(seen) == [r.file for r in summary.rows]
    assert summary.files == 4 and summary.failed == 2
    rows = {r.file: r for r in summary.rows}
    assert rows["broken.yaml"].error and "PC001" in rows["broken.yaml"].error
    assert "\n" not in rows["typo.yaml"].error and "more problems" in rows["typo.yaml"].error
    decree = rows["decree.yaml"]
    assert decree.error is None and decree.gaps["blocker"] >= 1
    assert decree.status == "B likely" and decree.institution == "Decree Commission"
    # Each output is exactly what the API (and `paris-check assess --format json`) gives.
    for name, source in (("decree.json", "decree.yaml"),
                         ("region/deep/statute.json", "region/deep/statute.yml")):
        assert (out / name).read_bytes() == paris_check.render(
            paris_check.assess(folder / source))
    assert not (out / "broken.json").exists()
    assert not list(out.rglob("*.tmp")) and not (out / ".hidden").exists()
    # The summaries.
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [r["file"] for r in data["rows"]] == sorted(rows)
    assert data["areas"] and set(decree.scores) == set(data["areas"])
    table = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [t["file"] for t in table] == sorted(rows)
    statute = next(t for t in table if t["file"] == "region/deep/statute.yml")
    assert statute["institution"].startswith("'=")  # no formula injection in spreadsheets
    assert statute["country"] == "Aldoria" and statute["error"] == ""
    assert {f"score_{a}" for a in data["areas"]} <= set(table[0])
    # Same figures in one process.
    again = run_batch(folder, tmp_path / "out1", jobs=1)
    assert again == summary
    assert summary_csv(again) == (out / "summary.csv").read_text(encoding="utf-8")


def test_a_file_with_many_errors_is_counted_in_full(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "many.yaml").write_text(
        "establishment:\n" + "".join(f"  key{i}: x\n" for i in range(30)), "utf-8")
    row = run_batch(src, tmp_path / "out", jobs=1).rows[0]
    assert row.error and row.error.endswith("(and 29 more problems)")


def test_cli_exit_codes(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["batch", str(folder), "-o", str(tmp_path / "o1"), "-j", "1"])
    assert res.exit_code == 2, res.output
    assert "PC001" in res.stderr and "assessed 2 of 4" in res.stderr
    for bad in ("broken.yaml", "typo.yaml"):
        (folder / bad).unlink()
    res = runner.invoke(main, ["batch", str(folder), "-o", str(tmp_path / "o2"), "-j", "1"])
    assert res.exit_code == 0, res.output  # gaps do not fail a batch by default
    res = runner.invoke(main, ["batch", str(folder), "-o", str(tmp_path / "o3"), "-j", "1",
                               "--fail-on", "blocker"])
    assert res.exit_code == 1
    (folder / "decree.yaml").unlink()
    res = runner.invoke(main, ["batch", str(folder), "-o", str(tmp_path / "o4"), "-j", "1",
                               "--fail-on", "blocker"])
    assert res.exit_code == 0


def test_cli_refuses_bad_folders_and_options(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = tmp_path / "empty"
    empty.mkdir()
    res = runner.invoke(main, ["batch", str(empty), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and "PC032" in res.stderr
    res = runner.invoke(main, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and "PC021" in res.stderr
    (empty / "q.yaml").write_text(DECREE, encoding="utf-8")
    res = runner.invoke(main, ["batch", str(empty), "-o", str(tmp_path / "o"),
                               "--rules", str(tmp_path / "no-rules")])
    assert res.exit_code == 3
    res = runner.invoke(main, ["batch", str(empty), "-o", str(tmp_path / "o"), "--format",
                               "markdown", "--lang", "xx"])
    assert res.exit_code == 2 and "PC031" in res.stderr


def test_output_folder_inside_the_input_folder_is_not_scanned(folder: Path) -> None:
    for bad in ("broken.yaml", "typo.yaml"):
        (folder / bad).unlink()
    out = folder / "results"
    (out / "old").mkdir(parents=True)
    (out / "old" / "stale.yaml").write_text(DECREE, encoding="utf-8")
    summary = run_batch(folder, out, jobs=1)
    assert [r.file for r in summary.rows] == ["decree.yaml", "region/deep/statute.yml"]


def test_markdown_batch(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("paris_check.report")
    for bad in ("broken.yaml", "typo.yaml"):
        (folder / bad).unlink()
    summary = run_batch(folder, tmp_path / "md", fmt="markdown", jobs=1)
    assert summary.failed == 0
    text = (tmp_path / "md" / "decree.md").read_text(encoding="utf-8")
    assert "ES01" in text


@pytest.mark.parametrize("text", ["=1+1", "\n=1+1", " =1+1", "\u200b=1+1", "\uff1d1+1",
                                  "\u00a0+cmd", "\ufeff@SUM(A1)", "\t-2", "-2+3"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(text: str) -> None:
    from paris_check.batch import _safe_cell

    assert _safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Commission", "A = B", "1", "", "(=)"])
def test_ordinary_cells_are_left_alone(text: str) -> None:
    from paris_check.batch import _safe_cell

    assert _safe_cell(text) == text
