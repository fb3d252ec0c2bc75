"""Length limits of free text and free lists (issue 11, bounded input).

Each limit comes from :data:`paris_check.questionnaire.limits.LIMITS`: a text or list at its
limit is valid, one character or entry more is refused at the line where it is written, with
the field, the limit, the length and a hint, and ``validate`` exits with the input-error code.
How fast the worst valid questionnaire renders is measured by ``benchmarks/bench_report.py``
(its "worst valid input" rows), not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.worst_input import to_yaml, worst_valid
from click.testing import CliRunner

from paris_check.cli import main
from paris_check.errors import EXIT_INPUT, QuestionnaireError
from paris_check.questionnaire.limits import LIMITS, free_text, size
from paris_check.questionnaire.load import load_questionnaire
from paris_check.questionnaire.model import Questionnaire

# (limit, YAML with {text} where the text goes, the field as the error names it, its line)
TEXTS = [
    ("text_answer", "profile:\n  name: {text}\n", "profile.name", 2),
    ("note", "mandate:\n  promotion:\n    in_law: yes\n    note: {text}\n",
     "mandate.promotion.note", 4),
    ("not_applicable", "complaints:\n  accessible:\n    not_applicable: {text}\n",
     "complaints.accessible.not_applicable", 3),
    ("evidence_text", "mandate:\n  promotion:\n    in_law: yes\n    evidence:\n"
     "      - text: {text}\n", "mandate.promotion.evidence.0.text", 5),
    ("evidence_citation", "mandate:\n  promotion:\n    in_law: yes\n    evidence:\n"
     "      - document: {text}\n", "mandate.promotion.evidence.0.document", 5),
    ("recommendation_text", "accreditation:\n  previous_recommendations:\n    - text: {text}\n",
     "accreditation.previous_recommendations.0.text", 3),
    ("justification_text", "justifications:\n  SE02:\n    text: {text}\n",
     "justifications.SE02.text", 3),
    ("label", "justifications:\n  SE02:\n    text: why\n    by: {text}\n",
     "justifications.SE02.by", 4),
]


def _text(n: int) -> str:
    return ("word " * n)[:n - 1] + "x"


@pytest.mark.parametrize(("limit", "yaml", "field", "line"), TEXTS,
                         ids=[t[0] for t in TEXTS])
def test_text_at_its_limit_is_valid_and_one_more_is_not(limit: str, yaml: str, field: str,
                                                        line: int) -> None:
    n = size(limit)
    load_questionnaire(yaml.format(text=_text(n)), name="q.yaml")
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(yaml.format(text=_text(n + 1)), name="q.yaml")
    err = info.value
    assert err.code == "PC017" and err.exit_code == EXIT_INPUT
    assert str(err.span).startswith(f"q.yaml:{line}:")
    assert err.field == field
    assert f"{n + 1:,} characters long; the limit is {n:,}" in err.message
    assert err.hint


def test_a_web_address_has_a_limit() -> None:
    n = size("url")
    yaml = "mandate:\n  promotion:\n    in_law: yes\n    evidence:\n      - url: {url}\n"
    address = "https://example.org/"
    load_questionnaire(yaml.format(url=address.ljust(n, "a")), name="q.yaml")
    with pytest.raises(QuestionnaireError, match=f"the limit is {n:,}"):
        load_questionnaire(yaml.format(url=address.ljust(n + 1, "a")), name="q.yaml")


@pytest.mark.parametrize("count_name", ["evidence_items"])
def test_evidence_list_at_its_limit_is_valid_and_one_more_is_not(count_name: str) -> None:
    n = size(count_name)

    def yaml(k: int) -> str:
        items = "".join(f"      - text: piece {i}\n" for i in range(k))
        return f"mandate:\n  promotion:\n    in_law: yes\n    evidence:\n{items}"

    load_questionnaire(yaml(n), name="q.yaml")
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(yaml(n + 1), name="q.yaml")
    assert info.value.code == "PC017" and str(info.value.span) == "q.yaml:4:5"
    assert info.value.message == f"{n + 1} entries; the limit is {n}"


def test_previous_recommendations_have_a_limit() -> None:
    n = size("recommendations")

    def yaml(k: int) -> str:
        return "accreditation:\n  previous_recommendations:\n" + "".join(
            f"    - text: recommendation {i}\n" for i in range(k))

    load_questionnaire(yaml(n), name="q.yaml")
    with pytest.raises(QuestionnaireError, match=f"{n + 1} entries; the limit is {n}"):
        load_questionnaire(yaml(n + 1), name="q.yaml")


def test_a_one_megabyte_name_is_refused_at_its_line_with_a_short_message() -> None:
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire("schema_version: '1.0'\nprofile:\n  name: " + "N" * 1_000_000 + "\n",
                           name="big.yaml")
    line = info.value.one_line()
    assert line.startswith("big.yaml:3:3: PC017 profile.name: the text is 1,000,000 characters "
                           f"long; the limit is {size('text_answer'):,}")
    assert len(line) < 300


def test_the_worst_valid_questionnaire_is_valid_and_one_character_more_is_not(
        tmp_path: Path) -> None:
    worst = worst_valid()
    q = Questionnaire.model_validate(worst)
    assert sum(n for _, n in free_text(q)) == size("total_text")
    path = tmp_path / "worst.yaml"
    path.write_text(to_yaml(worst_valid(size("total_text") + 1)), "utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    err = info.value
    assert err.code == "PC017" and err.span is not None and err.span.line > 1
    assert f"{size('total_text') + 1:,} characters" in err.message
    assert f"{size('total_text'):,}" in err.message


def test_validate_exits_with_the_input_code_and_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(f"profile:\n  name: {'n' * (size('text_answer') + 1)}\n", "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == EXIT_INPUT
    lines = [x for x in result.output.splitlines() if "PC017" in x]
    assert len(lines) == 1 and lines[0].startswith(f"{path}:2:3: PC017 profile.name: ")
    assert "Traceback" not in result.output


def _max_lengths(schema: dict[str, Any]) -> set[int]:
    found: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("maxLength", "maxItems", "maxProperties"):
                if key in node:
                    found.add(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def test_the_json_schema_shows_every_field_limit() -> None:
    shown = _max_lengths(Questionnaire.model_json_schema())
    per_field = {limit.size for name, limit in LIMITS.items() if name != "total_text"}
    assert per_field <= shown


def test_a_long_note_is_printed_once_however_many_gaps_rest_on_it() -> None:
    import paris_check
    from paris_check.report import render_html

    data = worst_valid(total=6_000)
    q = Questionnaire.model_validate(data)
    note = data["funding"]["adequate"]["note"]
    rules = [r for r in paris_check.assess(q).gaps()
             if "funding.adequate" in [x.question for x in r.answers]]
    assert len(rules) > 1
    html = render_html(paris_check.assess(q), questionnaire=q)
    body = html[:html.find('id="checked"')]
    assert body.count(note) == 1
    assert body.count("evidence and note given above") == len(rules) - 1
