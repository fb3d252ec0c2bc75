"""The command line: exit codes, messages, outputs."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
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


# --------------------------------------------------------------------------- output files


@pytest.fixture()
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_umask(tmp_path: Path, umask_027: None) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    old = tmp_path / "old.yaml"
    old.write_text(DECREE)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text(STATUTE)
    assert run("init", str(tmp_path / "blank.yaml"))[0] == 0
    assert run("assess", str(f), "-o", str(tmp_path / "q.json"), "--exit-zero")[0] == 0
    assert run("report", str(f), "-o", str(tmp_path / "q.md"))[0] == 0
    assert run("diff", str(old), str(f), "-o", str(tmp_path / "d.md"))[0] == 0
    assert run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")[0] == 0
    written = ["blank.yaml", "q.json", "q.md", "d.md", "out/a.json", "out/summary.csv",
               "out/summary.json"]
    assert {name: oct(mode(tmp_path / name)) for name in written} == \
        {name: "0o640" for name in written}
    # Replacing a file gives it the mode a new file gets, not the temporary file's 0600.
    (tmp_path / "q.json").chmod(0o600)
    assert run("assess", str(f), "-o", str(tmp_path / "q.json"), "--exit-zero")[0] == 0
    assert mode(tmp_path / "q.json") == 0o640


def test_an_existing_file_of_another_kind_needs_force(tmp_path: Path) -> None:
    good, other = tmp_path / "good.yaml", tmp_path / "other.yaml"
    good.write_text(STATUTE)
    other.write_text(DECREE)
    code, _, err = run("report", str(good), "-o", str(other))
    assert code == 2 and err.startswith(f"{other}: PC027 ") and "--force" in err
    assert other.read_text() == DECREE
    code, _, err = run("assess", str(good), "--format", "json", "-o", str(other))
    assert code == 2 and "PC027" in err and other.read_text() == DECREE
    code, _, err = run("init", str(other))
    assert code == 2 and "PC027" in err and other.read_text() == DECREE
    # The format's own extension: running the command again replaces its earlier output.
    out = tmp_path / "r.md"
    out.write_text("earlier report")
    assert run("report", str(good), "-o", str(out))[0] == 0
    assert out.read_text().startswith("# ")
    # --force replaces any file, but never an input.
    assert run("report", str(good), "--format", "markdown", "-o", str(other), "--force")[0] == 0
    assert other.read_text().startswith("# ")
    code, _, err = run("report", str(good), "--format", "markdown", "-o", str(good), "--force")
    assert code == 2 and "PC026" in err and good.read_text() == STATUTE


def test_dash_writes_to_standard_output_and_no_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("q.yaml").write_text(STATUTE)
    result = CliRunner().invoke(main, ["assess", "q.yaml", "--format", "json", "-o", "-",
                                       "--exit-zero"])
    assert result.exit_code == 0 and json.loads(result.stdout)["status"]["label"]
    result = CliRunner().invoke(main, ["init", "-"])
    assert result.exit_code == 0 and "legal_basis" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]


@pytest.mark.slow
def test_pdf_to_standard_output_is_binary_safe(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("q.yaml").write_text(STATUTE)
    result = CliRunner().invoke(main, ["report", "q.yaml", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF-") and result.stdout_bytes.rstrip().endswith(
        b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_into_and_never_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _, err = run("init", str(fifo))  # nobody reads: refused at once, not a hang
    assert code == 2 and "PC023" in err and "reading" in err
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keep_open = os.open(fifo, os.O_WRONLY)  # so that the reader sees EOF only at the end
    os.set_blocking(reader, True)
    chunks: list[bytes] = []

    def drain() -> None:
        while chunk := os.read(reader, 65536):
            chunks.append(chunk)

    thread = threading.Thread(target=drain)
    thread.start()
    try:
        code, _, err = run("init", str(fifo))
    finally:
        os.close(keep_open)
        thread.join()
        os.close(reader)
    assert code == 0, err
    assert b"legal_basis" in b"".join(chunks)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and sockets")
def test_symlinks_are_followed_and_sockets_refused(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    real, link, dangling = tmp_path / "real.json", tmp_path / "link.json", tmp_path / "new.json"
    real.write_text("{}")
    link.symlink_to(real.name)
    dangling.symlink_to("made.json")
    for target in (link, dangling):
        assert run("assess", str(f), "-o", str(target), "--exit-zero")[0] == 0
        assert target.is_symlink() and json.loads(target.read_text())["status"]
    assert (tmp_path / "made.json").is_file()
    alias = tmp_path / "alias.json"  # a link to the input is the input
    alias.symlink_to(f.name)
    code, _, err = run("assess", str(f), "-o", str(alias))
    assert code == 2 and "PC026" in err and f.read_text() == STATUTE
    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        code, _, err = run("assess", str(f), "--format", "json", "-o", str(sock_path))
    assert code == 2 and err.startswith(f"{sock_path}: PC021 ") and "socket" in err
    assert stat.S_ISSOCK(sock_path.lstat().st_mode)


def subprocess_cli(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "paris_check", *args], stdout=stdout,
                          stderr=subprocess.PIPE, timeout=300, check=False)


@pytest.mark.skipif(not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd")
def test_a_path_to_standard_output_writes_into_it(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    proc = subprocess_cli("assess", str(f), "--format", "json", "-o", "/proc/self/fd/1",
                          "--exit-zero")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"]["label"]


@pytest.mark.skipif(os.name != "posix", reason="SIGPIPE is POSIX")
@pytest.mark.parametrize("args", [("rules", "list"), ("rules", "coverage"), ("questions",),
                                  ("assess", "GOOD")])
def test_closed_standard_output_ends_quietly(args: tuple[str, ...], tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(STATUTE)
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` once head has gone: every write fails with EPIPE
    try:
        proc = subprocess_cli(*(str(good) if a == "GOOD" else a for a in args), stdout=write_end)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr.decode()) == (141, "")


def test_validate_prints_the_notes_on_answers_it_corrected(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text("establishment:\n  legal_basis: statute\nprofile:\n  complaints_mandate: Yes\n")
    code, out, err = run("validate", str(f))
    assert code == 0 and out.strip() == f"{f}: ok"
    assert f"{f}:4:" in err and "note" in err
