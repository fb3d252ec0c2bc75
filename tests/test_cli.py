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

# Not accredited yet and founded by decree: B likely whatever the refit (P(B) about 2/3).
DECREE = "profile:\n  current_status: not_accredited\nestablishment:\n  legal_basis: decree\n"
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


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_assess_speaks_the_chosen_language(tmp_path: Path, lang: str) -> None:
    """``assess --lang`` words the terminal summary (status, reasons, severities, rule titles)
    and the Markdown report in that language."""
    from paris_check.i18n import Translator, norm
    from paris_check.scoring import DISCLAIMER

    tr = Translator(lang)
    f = tmp_path / "q.yaml"
    f.write_text(DECREE)
    code, out, _ = run("assess", str(f), "--lang", lang, "--exit-zero")
    assert code == 0
    for english in ("B likely", "Blocker", "Concerns weighed, heaviest first",
                    "Established by the constitution or by statute"):
        word = (tr.rule("ES01", "title", english) if english.startswith("Established")
                else tr.gettext(english))
        assert word != english and word in out, english
        assert english not in out, english
    assert tr.gettext(norm(DISCLAIMER)) in out
    code, md, _ = run("assess", str(f), "--lang", lang, "--format", "markdown", "--exit-zero")
    english_md = run("assess", str(f), "--format", "markdown", "--exit-zero")[1]
    assert code == 0 and md.splitlines()[0] != english_md.splitlines()[0]
    assert tr.gettext("Concerns weighed, heaviest first") in md


def test_assess_unknown_language_lists_the_available_ones(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(DECREE)
    for fmt in ("text", "markdown"):
        code, _out, err = run("assess", str(f), "--lang", "xx", "--format", fmt)
        assert code == 2 and "PC031" in err and "fr" in err and "es" in err and "ar" in err


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


# --------------------------------------------------------------------------- languages

BAD = "establishment:\n  legal_basis: decre\n"


def run_env(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("lang", "words"), [("fr", "n'est pas une réponse autorisée"),
                                             ("es", "no es una respuesta admitida"),
                                             ("ar", "ليست إجابة مسموحًا بها")])
def test_validate_speaks_the_language_of_lang_or_the_environment(tmp_path: Path, lang: str,
                                                                 words: str) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(BAD)
    english = run("validate", str(f))
    assert english[0] == 2 and "'decre' is not an allowed answer" in english[2]
    for code, _out, err in (run("validate", "--lang", lang, str(f)),
                            run_env({"PARIS_CHECK_LANG": lang}, "validate", str(f))):
        assert code == 2 and f"{f}:2:3: PC012 establishment.legal_basis: 'decre' {words}" in err
    # --lang wins over the environment; the language does not outlive the command
    assert "is not an allowed answer" in run_env({"PARIS_CHECK_LANG": lang}, "validate",
                                                 "--lang", "en", str(f))[2]
    assert run("validate", str(f))[2] == english[2]


@pytest.mark.parametrize("args", [("validate", "Q"), ("init", "NEW"), ("diff", "Q", "Q"),
                                  ("assess", "Q"), ("report", "Q", "-o", "OUT"),
                                  ("statement", "Q", "-o", "OUT"), ("batch", "DIR", "-o", "OUT"),
                                  ("rules", "list"), ("questions",), ("schema",)])
def test_an_unknown_language_is_refused_by_every_command(tmp_path: Path,
                                                         args: tuple[str, ...]) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(STATUTE)
    paths = {"Q": str(f), "NEW": str(tmp_path / "new.yaml"), "OUT": str(tmp_path / "out"),
             "DIR": str(tmp_path)}
    argv = [paths.get(a, a) for a in args]
    attempts = [run_env({"PARIS_CHECK_LANG": "xx"}, *argv)]
    if args[0] in ("validate", "init", "diff", "assess", "report", "statement", "batch"):
        attempts.append(run(*argv, "--lang", "xx"))
    for code, _out, err in attempts:
        assert code == 2 and "PC031" in err and "'xx'" in err, err
        assert all(lang in err for lang in ("en", "fr", "es", "ar")), err
    assert not (tmp_path / "new.yaml").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_init_lang_writes_a_questionnaire_that_loads(tmp_path: Path, lang: str) -> None:
    from paris_check.i18n import Translator
    from paris_check.questionnaire.catalogue import questions
    from paris_check.questionnaire.load import load_questionnaire

    f = tmp_path / f"q-{lang}.yaml"
    code, _out, err = run("init", "--lang", lang, str(f))
    assert code == 0 and str(f) in err
    text = f.read_text("utf-8")
    loaded = load_questionnaire(f)
    assert loaded.questionnaire.establishment.legal_basis is None  # every question unanswered
    assert run("validate", "--lang", lang, str(f))[0] == 0
    q = questions()["selection.vacancies_advertised"]
    label = Translator(lang).question(q.id, "label", q.label)
    assert f"# {label.rstrip('.')}." in text and "\n  vacancies_advertised:\n" in text
    assert ("Only relevant if" in text) == (lang == "en")
    assert ("HOW TO ANSWER" in text) == (lang == "en")


@pytest.mark.parametrize(("lang", "heading"), [("fr", "## Statut indicatif"),
                                               ("es", "## Estatus indicativo"),
                                               ("ar", "## الوضع الإرشادي")])
def test_diff_lang_words_headings_and_changes(tmp_path: Path, lang: str, heading: str) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(DECREE)
    new.write_text(STATUTE)
    code, english, _ = run("diff", str(old), str(new))
    assert code == 0 and "## Indicative status" in english and "## Gaps closed (1)" in english
    code, out, _ = run("diff", "--lang", lang, str(old), str(new))
    assert code == 0 and heading in out
    for words in ("## Indicative status", "## Gaps closed", "Gap closed: now met",
                  "Scores per area", "confidence"):
        assert words not in out, words
    assert "**ES01**" in out and out.count("\n") == english.count("\n")


def test_diff_change_notes_in_english_are_the_saved_notes(tmp_path: Path) -> None:
    """The words the diff prints in each language come from one renderer, whose English is
    the ``note`` saved in the JSON."""
    from paris_check.assessing import Assessor
    from paris_check.compare import change_note, compare
    from paris_check.packs import load_rules

    pairs = [(DECREE, STATUTE), (STATUTE, DECREE),
             (STATUTE, STATUTE + "  law_specifies: [mandate]\n"),
             ("establishment:\n  legal_basis: unknown\n", DECREE)]
    notes = set()
    with Assessor(load_rules(None)) as assessor:
        for before, after in pairs:
            d = compare({"schema_version": "1.0", **_yaml(before)},
                        {"schema_version": "1.0", **_yaml(after)}, assessor=assessor)
            for c in d.changes:
                assert change_note(c) == c.note
                notes.add(c.kind)
    assert len(notes) >= 3


def _yaml(text: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)
