"""Helpers to declare questions as pydantic fields with plain-language metadata."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def ask(label: str, help: str, *refs: str, applies: str | None = None) -> Any:
    """Declare a question.

    ``label`` is the statement or question as the institution reads it; ``help`` explains in
    plain words what to answer; ``refs`` are the standard IDs (``GO-1.8-R1``, ``PP-B3``...) the
    question serves; ``applies`` describes when the question is relevant (documentation only).
    """
    extra: dict[str, Any] = {"refs": list(refs)}
    if applies:
        extra["applies"] = applies
    return Field(None, title=label, description=help, json_schema_extra=extra)
