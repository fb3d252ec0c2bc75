"""Hostile and random input: the loader and the engine never crash, Unicode survives,
concurrent and repeated assessments give identical results.

Property-based (hypothesis) with modest settings so that the suite stays fast. Speed targets
live in ``benchmarks/``; the time bounds here are generous sanity limits only.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import paris_check
from paris_check import api
from paris_check.errors import FileAccessError, InputError, YamlSyntaxError
from paris_check.questionnaire.catalogue import questions
from paris_check.questionnaire.load import load_questionnaire
from paris_check.results import Assessment

from . import oracle
from .randomq import random_questionnaire

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
QUESTIONS = [q for q in questions().values() if q.kind != "derived"]
TRI = st.sampled_from(["yes", "partly", "no", "unknown"])
REC_STATUS = st.sampled_from(["implemented", "partly_implemented", "not_implemented",
                              "no_longer_relevant", "unknown"])
TEXT = st.text(max_size=40)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)
JUNK = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
EVIDENCE = st.one_of(TEXT.filter(str.strip), st.fixed_dictionaries(
    {}, optional={"provision": TEXT, "document": TEXT, "url": TEXT, "text": TEXT}))
COMMON = {"evidence": st.lists(EVIDENCE, max_size=2), "note": TEXT}


def valid_answer(q: Any) -> st.SearchStrategy[Any]:
    special = st.sampled_from(["unknown", {"not_applicable": "not relevant here"}])
    if q.kind == "law_practice":
        core: st.SearchStrategy[Any] = st.fixed_dictionaries(
            {}, optional={"in_law": TRI, "in_practice": TRI, **COMMON})
    elif q.kind == "choice":
        core = st.sampled_from(q.choices)
    elif q.kind == "multi":
        core = st.lists(st.sampled_from(q.choices), unique=True)
    elif q.kind == "number":
        low, high = int(q.minimum or 0), int(q.maximum or 100)
        core = (st.integers(low, high) if q.name.endswith("year")
                else st.one_of(st.integers(low, high), st.floats(low, high)))
    elif q.kind == "text":
        core = TEXT
    else:  # previous recommendations
        return st.lists(st.fixed_dictionaries(
            {"text": TEXT}, optional={"id": TEXT, "status": REC_STATUS, "action": TEXT}),
            max_size=3)
    if q.kind != "law_practice":
        core = st.one_of(core, st.fixed_dictionaries({"value": core}, optional=COMMON))
    return st.one_of(core, special)


def invalid_answer(q: Any) -> st.SearchStrategy[Any]:
    wrong = [JUNK, st.just({"not_applicable": True}), st.just({"in_law": "si"}),
             st.just({"value": "x", "surprise": 1}), st.just({"evidence": [{}]})]
    if q.choices:
        wrong.append(st.sampled_from([c.upper() for c in q.choices] + ["maybe"]))
    return st.one_of(*wrong)


@st.composite
def questionnaires(draw: st.DrawFn) -> dict[str, Any]:
    """A random subset of questions, each with a valid or (sometimes) an invalid answer."""
    out: dict[str, Any] = {}
    chosen = draw(st.lists(st.sampled_from(QUESTIONS), max_size=40, unique_by=lambda q: q.id))
    broken = draw(st.booleans())
    for q in chosen:
        bad = broken and draw(st.integers(0, 9)) == 0
        value = draw(invalid_answer(q) if bad else valid_answer(q))
        out.setdefault(q.section, {})[q.name] = value
    if broken and draw(st.booleans()):
        target = draw(st.sampled_from([out, *out.values()])) if out else out
        if isinstance(target, dict):
            # Capitalised keys crash the loader today: see test_capitalised_key_is_an_input_error.
            target[draw(TEXT.filter(lambda k: not k[:1].isupper()))] = draw(JUNK)
    return out


def to_yaml(data: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 10**9  # ruamel's line folding of escaped double-quoted text adds a space
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- random input


RULESET = paris_check.load_rules()


@SETTINGS
@given(data=questionnaires())
def test_generated_questionnaires_never_crash(data: dict[str, Any]) -> None:
    ruleset, assessor = RULESET, api.assessor_for(RULESET)
    try:
        q = load_questionnaire(data, name="<generated>").questionnaire
    except InputError as exc:
        assert exc.one_line().strip()
        event("refused")
        return
    event("assessed")
    result = assessor.assess(q)
    codes = [r.code for r in result.results]
    assert codes == sorted(r.code for r in ruleset.rules)  # exactly one result per rule
    assert {r.code: r.status for r in result.results} == oracle.statuses(ruleset, q)
    assert Assessment.model_validate_json(result.to_json()) == result


@SETTINGS
@given(data=questionnaires())
def test_yaml_text_and_dict_load_alike(data: dict[str, Any]) -> None:
    text = to_yaml(data)
    outcomes = []
    for source in (data, text):
        try:
            outcomes.append(load_questionnaire(source, name="<generated>").questionnaire)
        except InputError:
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]


@SETTINGS
@given(text=st.text(max_size=300))
@example("profile:\n\tname: tab\n")
@example("profile: !!python/object:os.system ls\n")
@example("? [a, b]\n: c\n")
@example("--- \n...\n--- x\n")
def test_any_text_is_accepted_or_refused_with_an_input_error(text: str) -> None:
    try:
        load_questionnaire(text, name="<text>")
    except InputError as exc:
        assert exc.one_line().strip()


@SETTINGS
@given(raw=st.binary(min_size=1, max_size=2000))
@example(raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
@example(raw=b"\xff\xfep\x00r\x00o\x00f\x00i\x00l\x00e\x00:\x00")
@example(raw="profile:\n  name: Comisi\u00f3n\n".encode("latin-1"))
def test_binary_files_are_refused_with_an_input_error(raw: bytes, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("bin") / "q.yaml"
    path.write_bytes(raw)
    try:
        load_questionnaire(path)
    except InputError as exc:
        assert exc.one_line().strip()


@pytest.mark.parametrize("raw", [b"\x01", b"profile:\n  name: a\x01b\n"])
def test_control_characters_give_a_one_line_message(raw: bytes, tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_bytes(raw)
    with pytest.raises(InputError) as info:
        load_questionnaire(tmp_path / "q.yaml")
    assert "\n" not in info.value.one_line() and "<unicode string>" not in str(info.value)


@pytest.mark.parametrize("text", ["Profile:\n  name: x\n", "profile:\n  Name: x\n"])
def test_capitalised_key_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        load_questionnaire(text, name="cap.yaml")
    assert "did you mean 'profile'" not in str(info.value) or "Profile" in text


def test_nul_bytes_and_bad_encodings_have_clear_messages(tmp_path: Path) -> None:
    cases = {b"profile:\x00\x01\x02": "PC024", "name: Comisi\u00f3n\n".encode("latin-1"): "PC025"}
    for raw, code in cases.items():
        (tmp_path / "q.yaml").write_bytes(raw)
        with pytest.raises(FileAccessError) as info:
            load_questionnaire(tmp_path / "q.yaml")
        assert info.value.code == code and info.value.hint


# --------------------------------------------------------------------------- hostile YAML


def refused_quickly(source: Any, error: type[Exception], code: str, **kw: Any) -> None:
    start = time.perf_counter()
    with pytest.raises(error) as info:
        load_questionnaire(source, **kw)
    assert time.perf_counter() - start < 10  # generous: a sanity bound, not a speed target
    assert info.value.code == code, info.value  # type: ignore[attr-defined]
    assert "\n" not in str(info.value)


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    refused_quickly("\n".join(lines) + "\n", YamlSyntaxError, "PC003", name="bomb.yaml")


def test_scalar_anchors_and_merge_keys_are_refused() -> None:
    refused_quickly("profile:\n  name: &n x\n", YamlSyntaxError, "PC003", name="a.yaml")
    refused_quickly("base: &b {x: 1}\nprofile:\n  <<: *b\n", YamlSyntaxError, "PC003",
                    name="m.yaml")


@pytest.mark.parametrize("depth", [100, 20_000])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    text = "profile: " + "[" * depth + "]" * depth + "\n"
    refused_quickly(text, YamlSyntaxError, "PC004", name="deep.yaml")


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + "k:\n" for i in range(600)) + " " * 600 + "k: v\n"
    refused_quickly(text, YamlSyntaxError, "PC004", name="deep.yaml")


def test_huge_files_and_texts_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    line = "# " + "x" * 98 + "\n"
    big.write_text("profile:\n  name: x\n" + line * 21_000, encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    refused_quickly(big, FileAccessError, "PC022")
    refused_quickly(big.read_text(encoding="utf-8"), FileAccessError, "PC022", name="big.yaml")


# --------------------------------------------------------------------------- special files

GUARD = 120  # seconds: only stops a run that hangs; not a speed target


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run paris-check in a child process with at most 1 GB of memory."""
    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run([sys.executable, "-m", "paris_check", *args], capture_output=True,
                          text=True, timeout=GUARD,
                          preexec_fn=limit if sys.platform == "linux" else None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = _cli("validate", str(fifo))
    assert done.returncode == 2
    assert done.stderr == f"{fifo}: PC021 this is a named pipe (FIFO), not a regular file — " \
        "give the path of a .yaml file saved on disk\n"
    (tmp_path / "good.yaml").write_text("profile:\n  name: x\n", "utf-8")
    done = _cli("batch", str(tmp_path), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert done.returncode == 2, done.stderr
    rows = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["rows"]
    errors = {r["file"]: r["error"] for r in rows}
    assert errors["good.yaml"] is None and "PC021 this is a named pipe" in errors["pipe.yaml"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_before_reading(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    done = _cli("validate", device)
    assert (done.returncode, done.stderr.split(" — ")[0]) == (
        2, f"{device}: PC021 this is a device, not a regular file")


def test_the_size_limit_does_not_trust_the_reported_size(tmp_path: Path) -> None:
    from paris_check.yamlio import read_text

    status = Path("/proc/self/status")  # a regular file whose size is reported as 0
    if not status.is_file() or status.stat().st_size:
        pytest.skip("no /proc here")
    with pytest.raises(FileAccessError) as info:
        read_text(status, max_bytes=10)
    assert info.value.code == "PC022" and "more than 10 bytes" in info.value.message


def test_many_values_are_refused_or_reported() -> None:
    text = "profile:\n  name: [" + ", ".join(["1"] * 250_000) + "]\n"
    start = time.perf_counter()
    with pytest.raises(InputError):
        load_questionnaire(text, name="wide.yaml")
    assert time.perf_counter() - start < 30


# --------------------------------------------------------------------------- Unicode


@SETTINGS
@given(name=st.text(min_size=1, max_size=120).filter(lambda s: s.strip().lower() != "unknown"))
@example("حقوق الإنسان")
@example("Commission \u202eevil\u202c name")
@example("Ombudsman 🙂👩🏽‍⚖️")
@example("tab\tbell\x07 nul\x00 del\x7f")
@example("line\u2028sep\u0085next\r\n")
@example("\ufeffBOM first")
def test_unicode_text_comes_out_intact(name: str) -> None:
    data = {"profile": {"name": name, "country": name}, "establishment": {
        "enabling_instrument": {"value": name, "note": name, "evidence": [{"text": name}]}}}
    result = paris_check.assess(data)
    assert result.institution.name == name and result.institution.country == name
    assert json.loads(result.to_json())["institution"]["name"] == name
    assert Assessment.model_validate_json(result.to_json()) == result
    # Through YAML text too (as a user's file would be).
    from_yaml = paris_check.assess(load_questionnaire(to_yaml(data), name="<unicode>"))
    assert from_yaml.institution.name == name


# --------------------------------------------------------------------------- concurrency


def test_threads_give_exactly_the_sequential_results() -> None:
    qs = [paris_check.load_questionnaire(random_questionnaire(seed)) for seed in range(50)]
    expected = [paris_check.assess(q).to_json() for q in qs]

    def worker(seed: int) -> list[tuple[int, str]]:
        order = list(range(len(qs)))
        random.Random(seed).shuffle(order)
        return [(i, paris_check.assess(qs[i]).to_json()) for i in order]

    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(worker, range(8)))
    assert sum(len(r) for r in runs) == 400
    for run in runs:
        for i, text in run:
            assert text == expected[i], f"questionnaire {i} differs under threads"


def test_same_questionnaire_twice_is_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(to_yaml(random_questionnaire(7)), encoding="utf-8")
    first, second = paris_check.assess(path).to_json(), paris_check.assess(path).to_json()
    assert first == second
    code = ("import sys, paris_check; "
            "sys.stdout.buffer.write(paris_check.assess(sys.argv[1]).to_json().encode())")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONHASHSEED": seed})
             for seed in ("1", "2")]
    outputs = [p.communicate(timeout=300)[0].decode("utf-8") for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outputs[0] == outputs[1] == first


# --------------------------------------------------------------------------- interrupted writes

SIGTERM_MID_WRITE = """
import os, signal, sys
from paris_check import outputs
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)  # SIGTERM arrives mid-write
outputs.write_atomic(sys.argv[1], b"new data")
print("not reached")
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")
    proc = subprocess.run([sys.executable, "-c", SIGTERM_MID_WRITE, str(target)],
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == -signal.SIGTERM, proc.stderr  # the shell shows 143
    assert proc.stdout == b"" and b"Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    assert target.read_bytes() == b"old report"


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    from paris_check import outputs

    target = tmp_path / "report.pdf"
    stale, fresh = tmp_path / ".report.pdf.k3j9x0_q.tmp", tmp_path / ".report.pdf.0a1b2c3d.tmp"
    other, mine = tmp_path / ".summary.csv.k3j9x0_q.tmp", tmp_path / ".report.pdf.notes.tmp"
    for p in (stale, fresh, other, mine):
        p.write_bytes(b"left by a killed run")
    long_ago = time.time() - outputs.STALE_AFTER - 60
    for p in (stale, other, mine):
        os.utime(p, (long_ago, long_ago))
    outputs.write_atomic(target, b"%PDF-")
    assert target.read_bytes() == b"%PDF-"
    # Only this output's own leftovers, and only old ones (a fresh one may be another writer's).
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name, mine.name])
