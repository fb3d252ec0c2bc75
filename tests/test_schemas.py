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
