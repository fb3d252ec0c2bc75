"""The worst valid questionnaire for the report: free text at its limits, where it shows most.

Every answer is a gap in law and in practice (so that every rule that can show an answer shows
it), the name and the other short texts are at their limit (the name is repeated in the header
of every page), and the rest of the budget for all the free text of one file
(:data:`paris_check.questionnaire.limits.LIMITS`) goes, field by field at its own limit, to the
notes and evidence of the questions that the most rules read (each rule that reads a question
repeats its answer in the report). Used by ``bench_report.py`` (its "worst valid input" row) and
by the tests, which check that it is valid and that one character more is not.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

WORDS = ("independence", "mandate", "parliament", "appointment", "selection", "funding", "budget",
         "pluralism", "complaints", "report", "tenure", "immunity", "practice", "guarantee",
         "procedure", "commission")


def words(n: int, seed: int = 0) -> str:
    """Ordinary words, exactly ``n`` characters long."""
    out: list[str] = []
    length, i = 0, seed
    while length < n:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        length += len(word) + 1
        i += 1
    return " ".join(out)[:n].rstrip().ljust(n, "x")


def url(n: int) -> str:
    """A web address exactly ``n`` characters long, with path segments a line can break at."""
    head = "https://example.org/"
    body = "/".join(WORDS[i % len(WORDS)] for i in range(n))
    return (head + body)[:n]


def worst_valid(total: int | None = None) -> dict[str, Any]:
    """The questionnaire as a dict; ``total`` (default: the limit) is its free text in all."""
    from paris_check.packs import load_bundled
    from paris_check.questionnaire.catalogue import questions
    from paris_check.questionnaire.limits import size

    budget = size("total_text") if total is None else total
    data: dict[str, Any] = {"schema_version": "1.0"}
    used = 0

    def take(n: int) -> int:
        nonlocal used
        n = max(0, min(n, budget - used))
        used += n
        return n

    profile = data.setdefault("profile", {})
    for name in ("name", "acronym", "country"):
        profile[name] = words(take(size("text_answer")), seed=len(name))
    profile.update(institution_type="advisory_council", leadership="collegial",
                   complaints_mandate="yes", npm_designation="yes", crpd_monitoring="yes",
                   multiple_office_holders="yes", assessment_year=2026)
    data["establishment"] = {"legal_basis": "decree",
                             "enabling_instrument": words(take(size("text_answer")))}
    data["emergencies"] = {"emergency_in_period": "yes"}
    reads = Counter(q for rule in load_bundled().rules for q in rule.reads)
    law_practice = sorted((q for q in questions().values() if q.kind == "law_practice"),
                          key=lambda q: (-reads[q.id], q.id))
    answers = {}
    for q in law_practice:
        answers[q.id] = data.setdefault(q.section, {})[q.name] = {"in_law": "no",
                                                                  "in_practice": "no"}
    for q in law_practice:
        if used >= budget:
            break
        answer = answers[q.id]
        if n := take(size("note")):
            answer["note"] = words(n, seed=3)
        evidence = []
        for i in range(size("evidence_items")):
            item = {}
            for key, limit in (("provision", "evidence_citation"), ("document", "evidence_citation"),
                               ("text", "evidence_text")):
                if n := take(size(limit)):
                    item[key] = words(n, seed=i)
            if budget - used >= 30 and (n := take(size("url"))):
                item["url"] = url(n)
            if item:
                evidence.append(item)
        if evidence:
            answer["evidence"] = evidence
    return data


def to_yaml(data: dict[str, Any]) -> str:
    """The questionnaire as YAML text."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.width = 10**9
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()
