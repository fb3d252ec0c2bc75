"""The command line: exit codes, messages, outputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from paris_check.cli import main

DECREE = "establishment:\n  legal_basis: decree\n"
STATUTE = "establishment:\n  legal_basis: statute\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and "paris-check" in out


def test_assess_json_to_stdout_and_exit_code_on_blocker(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(DECREE)
    code, out, _ = run("assess", str(f), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["status"]["label"] == "B likely"
    assert run("assess", str(f), "--format", "json", "--exit-zero")[0] == 0


def test_assess_without_blocker_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    code, out, _ = run("assess", str(f))
    assert code == 0
    assert "Indicative status" in out and "not an accreditation decision" in out


def test_fail_on_major(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE + "  law_specifies: [mandate]\n")
    assert run("assess", str(f), "--fail-on", "blocker")[0] == 0
    assert run("assess", str(f), "--fail-on", "major")[0] == 1


def test_bad_input_is_one_line_with_position_and_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("establishment:\n  legal_basis: [unclosed\n")
    code, _out, err = run("assess", str(f))
    assert code == 2
    assert err.count("\n") == 1 and f"{f}:" in err and "Traceback" not in err


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text("establishment:\n  legal_basys: statute\n")
    code, _, err = run("validate", str(f))
    assert code == 2 and "did you mean 'legal_basis'" in err and ":2:3:" in err


def test_missing_file_and_directory(tmp_path: Path) -> None:
    code, _, err = run("assess", str(tmp_path / "nope.yaml"))
    assert code == 2 and "file not found" in err
    code, _, err = run("assess", str(tmp_path))
    assert code == 2 and "directory" in err


def test_output_written_atomically_and_input_protected(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    out = tmp_path / "res" / "q.json"
    assert run("assess", str(f), "-o", str(out), "--exit-zero")[0] == 0
    assert json.loads(out.read_text())["provenance"]["questionnaire"] == "q.yaml"
    code, _, err = run("assess", str(f), "--format", "json", "-o", str(f), "--exit-zero")
    assert code == 2 and "overwrite an input" in err
    assert f.read_text() == STATUTE
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_output_into_a_directory(tmp_path: Path) -> None:
    f = tmp_path / "inst.yaml"
    f.write_text(STATUTE)
    outdir = tmp_path / "out"
    outdir.mkdir()
    assert run("assess", str(f), "--format", "json", "-o", str(outdir), "--exit-zero")[0] == 0
    assert (outdir / "inst.json").exists()


def test_rules_list_and_show() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0 and "ES01" in out
    code, out, _ = run("rules", "show", "es01")
    assert code == 0 and "not-established-by-law" in out and "Examples" in out
    code, _, err = run("rules", "show", "ES99")
    assert code == 3 and "no rule" in err


def test_schema_is_json() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "paris_check questionnaire"


def test_debug_flag_shows_traceback(tmp_path: Path) -> None:
    code, _, err = run("--debug", "assess", str(tmp_path / "nope.yaml"))
    assert code == 2 and "Traceback" in err


def test_init_points_at_the_installed_schema_wherever_the_file_goes(tmp_path: Path) -> None:
    from urllib.parse import unquote, urlparse

    target = tmp_path / "deep" / "q.yaml"
    code, _, _ = run("init", str(target))
    assert code == 0
    first = target.read_text("utf-8").splitlines()[0]
    ref = first.split("$schema=", 1)[1]
    assert ref.startswith("file:///")
    schema = Path(unquote(urlparse(ref).path))
    assert schema.is_file() and json.loads(schema.read_text("utf-8"))["title"]
    moved = tmp_path / "elsewhere.yaml"
    target.rename(moved)
    assert moved.read_text("utf-8").splitlines()[0] == first  # still valid after a move
