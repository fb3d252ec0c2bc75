"""The corpus of real SCA decisions, and the status method measured on it.

Each decision is predicted out of sample (leave-one-session-out, as ``benchmarks/fidelity.py``
reports). A decision the method gets wrong is listed in ``tests/corpus_misses.yaml`` with the
reason, and runs as a strict xfail: it fails as soon as it starts to pass, so the list cannot go
stale. Encodings are never changed to make a prediction match (docs/sca-corpus.md).
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from paris_check.corpus import Decision, decisions, read_header
from paris_check.errors import InputError
from paris_check.questionnaire.load import load_questionnaire

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "questionnaires" / "sca-decisions"
MISSES = ROOT / "tests" / "corpus_misses.yaml"
sys.path.insert(0, str(ROOT))

from benchmarks import fidelity  # noqa: E402

# Kept for an independent evaluation: no decision of these institutions may be in the corpus.
RESERVED = [
    ("madagascar", r"cnidh"), ("france", r"cncdh"), ("bulgaria", r"ombudsman"),
    ("c[oô]te d.ivoire", r"cndh"), ("iraq", r"ihchr|high commission"),
    ("serbia", r"protector"), ("austria", r"ombudsman"), ("benin", r"cbdh"),
    ("jordan", r"nchr|national centre|national center"), ("moldova", r"advocate"),
    ("northern ireland", r"nihrc|human rights commission"), ("bosnia", r"ombudsm"),
    ("cameroon", r"cdhc|nchrf|commission"), ("india", r"nhrc|national human rights commission"),
    ("australia", r"human rights commission|ahrc"), ("costa rica", r"defensor"),
    ("uzbekistan", r"ombudsman|oliy majlis"), ("fiji", r"hradc|human rights"),
    ("hungary", r"commissioner"), ("nicaragua", r"pddh|procurador"),
    ("venezuela", r"defensor"), ("thailand", r"nhrct|national human rights commission"),
    ("azerbaijan", r"ombudsman|commissioner"),
]


def _misses() -> dict[str, str]:
    if not MISSES.exists():
        return {}
    data = YAML(typ="safe", pure=True).load(MISSES.read_text("utf-8")) or {}
    return {k: v for k, v in data.items()}


@pytest.fixture(scope="module")
def cases() -> list[fidelity.Case]:
    return fidelity.load_cases(CORPUS)


@pytest.fixture(scope="module")
def predictions(cases: list[fidelity.Case]) -> dict[str, tuple[str, str, float]]:
    return fidelity.cross_validate(cases)[0]


def test_every_corpus_file_is_a_valid_questionnaire_with_a_header() -> None:
    files = sorted(CORPUS.glob("*.yaml"))
    assert files
    for path in files:
        load_questionnaire(path)
        header = read_header(path)
        assert header.sources, path


def test_no_reserved_institution_is_in_the_corpus() -> None:
    for d in decisions(CORPUS):
        country = d.header.country.lower()
        name = d.header.institution.lower()
        for c_pat, i_pat in RESERVED:
            assert not (re.search(c_pat, country) and re.search(i_pat, name)), (
                f"{d.path.name}: {d.header.institution} is reserved for independent evaluation")


def test_current_status_follows_the_header() -> None:
    """Procedure rule 8: ``profile.current_status`` is the status held before the decision, as
    the header gives it; a first accreditation holds none."""
    for d in decisions(CORPUS):
        q = load_questionnaire(d.path).questionnaire
        answer = q.profile.current_status
        held = answer.value if answer is not None else None
        h = d.header
        if h.previous_status in ("A", "B"):
            expected: str | None = h.previous_status
        elif h.previous_status == "none" or h.review_type == "initial":
            expected = "not_accredited"
        else:
            continue
        assert held == expected, f"{d.path.name}: current_status {held!r}, header says {expected}"


def test_last_review_year_follows_the_corpus() -> None:
    """A convention of docs/sca-corpus.md ("Common phrasings"): when the corpus holds an earlier
    decision of the same institution, the later file answers ``accreditation.last_review_year`` (a year, or
    ``unknown`` when a review between the two is reported but not dated), and that year lies
    between the earlier decision and this one."""
    by_institution: dict[str, list[Decision]] = {}
    for d in decisions(CORPUS):
        institution = d.header.id.removesuffix(f"-{d.header.session}")
        by_institution.setdefault(institution, []).append(d)
    for items in by_institution.values():
        items.sort(key=lambda d: d.header.session)
        for earlier, later in itertools.pairwise(items):
            before, path = earlier.header.session, later.path
            answer = load_questionnaire(path).questionnaire.accreditation.last_review_year
            assert answer is not None, f"{path.name}: last_review_year missing (corpus: {before})"
            if answer.state == "answered":
                year = int(answer.value)
                assert earlier.year <= year <= later.year, (
                    f"{path.name}: last_review_year {year}, previous decision {before}")


# Regression floors (the fidelity issue's targets): the corpus may grow, never shrink below them.
MIN_DECISIONS, MIN_B, MIN_SESSIONS = 80, 25, 8


def test_corpus_size_and_spread() -> None:
    ds = list(decisions(CORPUS))
    b = sum(d.header.sca_status == "B" for d in ds)
    sessions = {d.header.session for d in ds}
    assert len(ds) >= MIN_DECISIONS and b >= MIN_B and len(sessions) >= MIN_SESSIONS, (
        len(ds), b, len(sessions))
    assert all("2010-01" <= s <= "2025-12" for s in sessions)


def test_header_errors_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "x-2020-01.yaml"
    bad.write_text("#@ id: x-2020-01\n#@ institution: X\n#@ country: Y\n#@ session: 2020-13\n"
                   "#@ review_type: initial\n#@ sca_status: A\n#@ sources: [u]\n"
                   'schema_version: "1.0"\n', "utf-8")
    with pytest.raises(InputError) as exc:
        read_header(bad)
    assert exc.value.one_line().startswith(f"{bad}:4:4: PC402 session:")
    wrong = tmp_path / "y-2020-01.yaml"
    wrong.write_text(bad.read_text().replace("2020-13", "2020-12"), "utf-8")
    with pytest.raises(InputError, match="PC403"):
        read_header(wrong)


def test_shipped_model_is_the_fit_on_the_corpus(cases: list[fidelity.Case]) -> None:
    assert fidelity.MODEL_FILE.read_text("utf-8") == fidelity.model_document(cases), (
        "src/paris_check/data/status-model.json is stale: run "
        "`python3 scripts/dev.py generate`")


def test_misses_file_names_only_corpus_decisions() -> None:
    ids = {d.header.id for d in decisions(CORPUS)}
    assert set(_misses()) <= ids


def test_form_seen_list_names_only_corpus_decisions() -> None:
    ids = {d.header.id for d in decisions(CORPUS)}
    seen = fidelity.seen_ids()
    assert seen and seen <= ids, sorted(seen - ids)


def test_decisions_added_after_the_form_are_reported_apart(
        cases: list[fidelity.Case], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = sorted(c.id for c in cases)[:3]
    seen = tmp_path / "form-seen.txt"
    seen.write_text("# test\n" + "\n".join(c.id for c in cases if c.id not in later) + "\n",
                    "utf-8")
    monkeypatch.setattr(fidelity, "SEEN_FILE", seen)
    n_b = sum(c.sca_status == "B" for c in cases if c.id in later)
    text = "\n".join(fidelity.report_lines(cases))
    assert f"Prospective test: the 3 decisions ({n_b} B) added" in text
    assert fidelity.seen_document(cases).splitlines()[0] == "# test"
    assert set(fidelity.seen_document(cases).splitlines()[1:]) == {c.id for c in cases}


def test_paired_test_counts_only_the_decisions_where_method_and_constant_differ(
        cases: list[fidelity.Case]) -> None:
    a = next(c for c in cases if c.sca_status == "A")
    b = next(c for c in cases if c.sca_status == "B")
    labels = {a.id: "B likely", b.id: "B likely"}
    assert fidelity.paired_test([a, b], labels).startswith(
        "1 decision the method gets right and the constant wrong, 1 the reverse")
    labels = {a.id: "A likely", b.id: "insufficient information"}
    assert fidelity.paired_test([a, b], labels) == "no decision on which the two differ"
    assert fidelity.pct_ci(0, 0) == "n/a"
    assert fidelity.pct_ci(5, 10).startswith("50 % (5/10), 95 % CI 24–76 %")


def _params() -> list[Any]:
    misses = _misses()
    out = []
    for d in decisions(CORPUS):
        marks = []
        if d.header.id in misses:
            marks.append(pytest.mark.xfail(strict=True, reason=misses[d.header.id]))
        out.append(pytest.param(d.header.id, id=d.header.id, marks=marks))
    return out


@pytest.mark.parametrize("decision", _params())
def test_decision_out_of_sample(decision: str, cases: list[fidelity.Case],
                                predictions: dict[str, tuple[str, str, float]]) -> None:
    case = next(c for c in cases if c.id == decision)
    label, confidence, p = predictions[decision]
    assert label != "insufficient information" and label[0] == case.sca_status, (
        f"SCA {case.sca_status}; method {label} ({confidence}, P(B) {p:.2f})")
