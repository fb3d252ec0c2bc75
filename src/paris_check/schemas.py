"""JSON Schemas for editors and integrators: the questionnaire and the result.

The committed copies live in ``src/paris_check/schemas/`` (a test checks they are fresh). The
questionnaire schema accepts the short answer forms (``unknown``, a bare value) that the loader
accepts, so editors using ``# yaml-language-server: $schema=...`` do not flag them.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_BASE = "https://paris-check.readthedocs.io/schemas"


def _answer_defs(defs: dict[str, Any]) -> dict[str, Any]:
    """Def name -> extra alternatives for answer-shaped definitions."""
    out: dict[str, Any] = {}
    for name, d in defs.items():
        props = d.get("properties", {})
        if {"unknown", "not_applicable", "evidence"} <= set(props):
            alts: list[Any] = [{"const": "unknown"}]
            if "value" in props:
                value = dict(props["value"])
                value.pop("default", None)
                alts.append(value)
            out[name] = alts
        elif name == "Evidence":
            out[name] = [{"type": "string"}]
    return out


def _widen(node: Any, alts: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        name = ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None
        if name in alts and len(node) == 1:
            return {"anyOf": [node, *alts[name]]}
        return {k: _widen(v, alts) for k, v in node.items()}
    if isinstance(node, list):
        return [_widen(v, alts) for v in node]
    return node


def questionnaire_schema() -> dict[str, Any]:
    from .questionnaire.model import SCHEMA_VERSION, Questionnaire

    schema = Questionnaire.model_json_schema()
    defs = schema.get("$defs", {})
    schema = _widen(schema, _answer_defs(defs))
    schema["$id"] = f"{SCHEMA_BASE}/questionnaire-{SCHEMA_VERSION}.schema.json"
    schema["title"] = "paris_check questionnaire"
    return schema


def result_schema() -> dict[str, Any]:
    from .results import RESULT_SCHEMA_VERSION, Assessment

    schema = Assessment.model_json_schema(mode="serialization")
    schema["$id"] = f"{SCHEMA_BASE}/result-{RESULT_SCHEMA_VERSION}.schema.json"
    schema["title"] = "paris_check assessment result"
    return schema


def schema_json(kind: str) -> str:
    """The schema as canonical JSON text (``kind`` is questionnaire or result)."""
    schema = questionnaire_schema() if kind == "questionnaire" else result_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def committed_schema(kind: str) -> str:
    """The copy shipped in the package."""
    return (resources.files("paris_check") / "schemas" / f"{kind}.schema.json").read_text("utf-8")
