"""The committed JSON Schemas equal the ones generated from the models."""

from __future__ import annotations

import json

import pytest

from paris_check.schemas import committed_schema, schema_json


@pytest.mark.parametrize("kind", ["questionnaire", "result"])
def test_committed_schema_is_fresh(kind: str) -> None:
    assert committed_schema(kind) == schema_json(kind), (
        "stale: run `python3 scripts/dev.py generate`")


def test_questionnaire_schema_accepts_short_forms() -> None:
    schema = json.loads(schema_json("questionnaire"))
    text = json.dumps(schema)
    assert '"const": "unknown"' in text
    assert schema["additionalProperties"] is False


def test_questionnaire_schema_carries_the_ranges_and_web_addresses() -> None:
    defs = json.loads(schema_json("questionnaire"))["$defs"]

    def bounds(name: str) -> tuple[int, int]:
        value = defs[name]["properties"]["value"]["anyOf"][0]
        return value["minimum"], value["maximum"]

    assert bounds("TermYears") == (1, 30)
    assert bounds("Percentage") == (0, 100)
    assert bounds("ReviewYear") == (1993, 2100)
    assert bounds("YearAnswer") == (1900, 2100)
    assert defs["Tenure"]["properties"]["term_years"]["anyOf"][0]["anyOf"][0] == {
        "$ref": "#/$defs/TermYears"}
    assert defs["Evidence"]["properties"]["url"]["pattern"].startswith("^")
