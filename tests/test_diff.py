"""Progress between two assessments: classification, recommendations, output, CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import paris_check
from paris_check.cli import main
from paris_check.compare import Diff, diff_assessments
from paris_check.results import Assessment, RuleResult

from .randomq import random_questionnaire

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires" / "examples"
BASE = {"profile": {"name": "Commission | Test"}, "establishment": {"legal_basis": "statute"}}


@pytest.fixture(scope="module")
def base() -> Assessment:
    return paris_check.assess(BASE)


def with_rule(a: Assessment, code: str, **changes: Any) -> Assessment:
    """``a`` with one rule result changed (or removed when ``changes`` is ``{"drop": True}``)."""
    results: list[RuleResult] = []
    for r in a.results:
        if r.code != code:
            results.append(r)
        elif not changes.get("drop"):
            results.append(r.model_copy(update=changes))
    return a.model_copy(update={"results": results})


def pick(a: Assessment, severity: str = "major") -> RuleResult:
    return next(r for r in a.results if r.severity == severity)


def test_same_assessment_has_no_changes(base: Assessment) -> None:
    d = paris_check.diff(base, base)
    assert d.changes == [] and not d.status.changed and d.status.direction == "same"
    assert all(a.delta in (0, None) for a in d.areas)
    assert not d.rules_changed and d.recommendations is None
    assert "No requirement changed status." in d.to_markdown()


@pytest.mark.parametrize(("old", "new", "kind"), [
    ("gap", "met", "gap_closed"),
    ("gap", "not_applicable", "gap_closed"),
    ("met", "gap", "regression"),
    ("unknown", "gap", "new_gap"),
    ("not_applicable", "gap", "new_gap"),
    ("met", "unknown", "now_unknown"),
    ("gap", "unknown", "now_unknown"),
    ("not_applicable", "unknown", "now_unknown"),
    ("unknown", "met", "now_met"),
    ("not_applicable", "met", "now_met"),
    ("met", "not_applicable", "other"),
    ("unknown", "not_applicable", "other"),
])
def test_status_transitions_are_classified(base: Assessment, old: str, new: str,
                                           kind: str) -> None:
    rule = pick(base)
    d = diff_assessments(with_rule(base, rule.code, status=old),
                         with_rule(base, rule.code, status=new))
    assert [(c.code, c.kind, c.old_status, c.new_status) for c in d.changes] == [
        (rule.code, kind, old, new)]
    assert d.of_kind(kind) == d.changes  # type: ignore[arg-type]


def test_a_gap_that_stays_is_remaining_unless_it_worsens(base: Assessment) -> None:
    rule = pick(base, "major")
    old = with_rule(base, rule.code, status="gap", aspects=["law"])
    d = diff_assessments(old, old)
    assert d.changes == [] and d.remaining_gaps == [rule.code]
    wider = with_rule(base, rule.code, status="gap", aspects=["law", "practice"])
    d = diff_assessments(old, wider)
    assert [c.kind for c in d.changes] == ["regression"] and "practice" in d.changes[0].note
    graver = with_rule(base, rule.code, status="gap", aspects=["law"], severity="blocker")
    d = diff_assessments(old, graver)
    assert d.regressions and "major to blocker" in d.regressions[0].note
    milder = with_rule(base, rule.code, status="gap", aspects=["law"], severity="minor")
    assert diff_assessments(old, milder).changes == []


def test_rules_present_on_one_side_only(base: Assessment) -> None:
    rule = pick(base)
    without = with_rule(base, rule.code, drop=True)
    added = diff_assessments(without, with_rule(base, rule.code, status="gap"))
    assert [(c.kind, c.old_status) for c in added.changes] == [("new_gap", None)]
    removed = diff_assessments(with_rule(base, rule.code, status="gap"), without)
    assert [(c.kind, c.new_status) for c in removed.changes] == [("other", None)]


def test_status_and_area_changes(base: Assessment) -> None:
    better = base.model_copy(update={
        "status": base.status.model_copy(update={"label": "A likely", "confidence": "high"}),
        "areas": [a.model_copy(update={"score": 75.0}) for a in base.areas]})
    worse = base.model_copy(update={
        "status": base.status.model_copy(update={"label": "B likely", "confidence": "high"}),
        "areas": [a.model_copy(update={"score": 50.0}) for a in base.areas]})
    d = diff_assessments(worse, better)
    assert d.status.direction == "better" and d.status.changed
    assert {a.delta for a in d.areas} == {25.0}
    assert diff_assessments(better, worse).status.direction == "worse"
    unclear = base.model_copy(update={"status": base.status.model_copy(
        update={"label": "insufficient information"})})
    assert diff_assessments(unclear, better).status.direction == "unclear"


def test_rule_pack_change_is_flagged(base: Assessment) -> None:
    other = base.model_copy(update={"provenance": base.provenance.model_copy(
        update={"rules_sha256": "0" * 64})})
    d = diff_assessments(base, other)
    assert d.rules_changed and "rule packs differ" in d.to_markdown()


def recs(*items: dict[str, Any]) -> dict[str, Any]:
    return {**BASE, "accreditation": {"previous_recommendations": list(items)}}


def test_previous_recommendations_are_tracked_by_id_then_text() -> None:
    old = paris_check.load_questionnaire(recs(
        {"id": "SCA-2019-1", "text": "Amend the law on appointments", "status": "not_implemented"},
        {"text": "Publish the annual report", "status": "partly_implemented"},
        {"text": "Increase the budget", "status": "implemented"},
        {"text": "Open regional offices", "status": "not_implemented"},
        {"text": "Dropped later", "status": "unknown"},
    ))
    new = paris_check.load_questionnaire(recs(
        {"id": "sca-2019-1", "text": "Amend the appointments law (reworded)",
         "status": "implemented", "action": "Act 3 of 2025"},
        {"text": "  publish the ANNUAL   report ", "status": "implemented"},
        {"text": "Increase the budget", "status": "partly_implemented"},
        {"text": "Open regional offices", "status": "unknown"},
        {"text": "A new one", "status": "not_implemented"},
    ))
    d = paris_check.diff(old, new)
    assert d.recommendations is not None
    got = {(r.id or r.text): (r.old_status, r.new_status, r.change) for r in d.recommendations}
    assert got == {
        "sca-2019-1": ("not_implemented", "implemented", "progressed"),
        "  publish the ANNUAL   report ": ("partly_implemented", "implemented", "progressed"),
        "Increase the budget": ("implemented", "partly_implemented", "regressed"),
        "Open regional offices": ("not_implemented", "unknown", "now_unknown"),
        "A new one": (None, "not_implemented", "added"),
        "Dropped later": ("unknown", None, "dropped"),
    }
    assert d.recommendations[0].action == "Act 3 of 2025"
    md = d.to_markdown()
    assert "## Previous SCA recommendations" in md and "progressed" in md


def test_different_ids_never_match_on_text() -> None:
    old = paris_check.load_questionnaire(recs({"id": "A", "text": "Same text"}))
    new = paris_check.load_questionnaire(recs({"id": "B", "text": "Same text"}))
    d = paris_check.diff(old, new)
    assert sorted(r.change for r in d.recommendations or []) == ["added", "dropped"]


def test_json_round_trip_and_markdown(base: Assessment) -> None:
    rule = pick(base)
    d = diff_assessments(with_rule(base, rule.code, status="gap"),
                         with_rule(base, rule.code, status="met"))
    again = Diff.model_validate_json(d.to_json())
    assert again == d and again.to_json() == d.to_json()
    md = d.to_markdown()
    assert f"**{rule.code}**" in md and "## Gaps closed (1)" in md
    assert "Commission \\| Test" in md  # table-breaking characters are escaped
    assert "not an accreditation decision" in md


def test_questionnaires_and_saved_results_can_be_mixed(tmp_path: Path) -> None:
    old_q, new_q = random_questionnaire(3), random_questionnaire(4)
    saved = tmp_path / "old.json"
    saved.write_text(paris_check.assess(old_q).to_json(), encoding="utf-8")
    from_result = paris_check.diff(saved, new_q)
    from_questionnaires = paris_check.diff(old_q, new_q)
    assert from_result.changes == from_questionnaires.changes
    assert from_result.recommendations is None
    assert from_questionnaires.recommendations is not None or not (
        old_q.get("accreditation") and new_q.get("accreditation"))


def test_changes_agree_with_the_two_assessments() -> None:
    for seed in range(6):
        old, new = paris_check.assess(random_questionnaire(seed)), paris_check.assess(
            random_questionnaire(seed + 100))
        d = paris_check.diff(old, new)
        before = {r.code: r.status for r in old.results}
        after = {r.code: r.status for r in new.results}
        closed = {c for c in before if before[c] == "gap" and after[c] in ("met",
                                                                          "not_applicable")}
        opened = {c for c in after if after[c] == "gap" and before[c] in ("met", "unknown",
                                                                         "not_applicable")}
        assert {c.code for c in d.gaps_closed} == closed
        assert {c.code for c in d.new_gaps + d.regressions} >= opened
        assert {c.code for c in d.changes if c.old_status != c.new_status} == {
            c for c in before if before[c] != after[c]}
        assert all(c.old_status == before[c.code] and c.new_status == after[c.code]
                   for c in d.changes)


def test_invalid_saved_result_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"provenance": {}}), encoding="utf-8")
    with pytest.raises(paris_check.InputError, match="PC016"):
        paris_check.diff(bad, BASE)
    with pytest.raises(paris_check.FileAccessError):
        paris_check.diff(tmp_path / "missing.json", BASE)


OLD_RESULT = ROOT / "tests" / "data" / "result-1.1-weak-advisory-council.json"


def test_results_of_the_previous_format_are_read(tmp_path: Path) -> None:
    """A result saved by paris_check 0.1 (result format 1.1, explanations and reasons as
    English sentences) still compares: statuses, severities, aspects, scores and the status
    come through unchanged."""
    from paris_check.compare import load_result
    from paris_check.results import RESULT_SCHEMA_VERSION

    raw = json.loads(OLD_RESULT.read_text("utf-8"))
    assert raw["provenance"]["result_schema"] == "1.1" and "schema_version" not in raw
    old = load_result(OLD_RESULT)
    assert old.schema_version == RESULT_SCHEMA_VERSION
    assert [(r.code, r.status, r.severity, r.aspects) for r in old.results] == [
        (r["code"], r["status"], r["severity"], r["aspects"]) for r in raw["results"]]
    assert old.status.label == raw["status"]["label"]
    assert [a.score for a in old.areas] == [a["score"] for a in raw["areas"]]
    assert old.counts.model_dump() == raw["counts"]
    d = paris_check.diff(OLD_RESULT, EXAMPLES / "weak-advisory-council.yaml")
    before = {r["code"]: r["status"] for r in raw["results"]}
    assert all(c.old_status == before.get(c.code) for c in d.changes)
    if not d.rules_changed:  # the same questionnaire and rules: nothing changed
        assert d.changes == [] and d.status.direction == "same"
    result = CliRunner().invoke(main, ["diff", str(OLD_RESULT),
                                       str(EXAMPLES / "strong-commission.yaml")])
    assert result.exit_code == 0, result.output
    assert "Gaps closed" in result.stdout
    future = tmp_path / "future.json"
    future.write_text(json.dumps({**raw, "schema_version": "3.0"}), encoding="utf-8")
    with pytest.raises(paris_check.InputError, match=r"PC016.*3\.0"):
        paris_check.diff(future, BASE)


def test_cli_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "2021.yaml", tmp_path / "2026.yaml"
    old.write_text("establishment:\n  legal_basis: decree\n", encoding="utf-8")
    new.write_text("establishment:\n  legal_basis: statute\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "ES01" in result.stdout and "Gaps closed" in result.stdout
    out = tmp_path / "progress.json"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(out)])
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert any(c["code"] == "ES01" and c["kind"] == "gap_closed" for c in data["changes"])
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(new)])
    assert result.exit_code == 2 and "PC026" in result.stderr
    result = CliRunner().invoke(main, ["diff", str(old), str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2


@pytest.mark.skipif(not (EXAMPLES / "weak-advisory-council.yaml").exists(),
                    reason="example questionnaires not present")
def test_examples_weak_to_strong() -> None:
    d = paris_check.diff(EXAMPLES / "weak-advisory-council.yaml",
                         EXAMPLES / "strong-commission.yaml")
    assert d.gaps_closed and d.status.new_label != "B likely"


PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
            "<iframe src=//evil></iframe>", "[click](javascript:alert(1))", "~~struck~~",
            "`code` **bold** ![i](x.png) a|b")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_never_carries_markup_from_answers(payload: str) -> None:
    """Recommendation ids and texts, institution names: literal text in diff and report --since."""
    from paris_check.report import render_markdown

    def q(status: str) -> Any:
        data = recs({"id": payload, "text": payload, "status": status,
                     "action": payload})
        data["profile"] = {"name": payload}
        return paris_check.load_questionnaire(data)

    from markdown_it import MarkdownIt

    old, new = q("not_implemented"), q("implemented")
    d = paris_check.diff(old, new)
    render = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render
    for md in (d.to_markdown(),
               render_markdown(paris_check.assess(new), questionnaire=new, progress=d)):
        html = render(md)
        for bad in ("<img", "<script", "<iframe", 'href="javascript', "<s>", "<del>",
                    "<code>code</code>", "<strong>bold</strong>"):
            assert bad not in html, (bad, payload)
        assert "a|b" not in payload or "a|b" in html  # the pipe stays text, in its cell


def test_diff_output_format_comes_from_the_extension(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("establishment:\n  legal_basis: decree\n", encoding="utf-8")
    new.write_text("establishment:\n  legal_basis: statute\n", encoding="utf-8")
    for name in ("d.pdf", "d.html", "d.txt"):
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(tmp_path / name)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{tmp_path / name}: PC030 ") and "--since" in result.stderr
        assert not (tmp_path / name).exists()
    for name, first in (("d.json", "{"), ("d.markdown", "#"), ("progress", "#")):
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(first)
