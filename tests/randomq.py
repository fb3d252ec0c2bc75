"""Seeded random questionnaires covering every question kind and answer state."""

from __future__ import annotations

import random
from typing import Any

from paris_check.questionnaire.catalogue import questions


def random_answer(rng: random.Random, kind: str, choices: tuple[str, ...],
                  bounds: tuple[float | None, float | None] = (None, None)) -> Any:
    roll = rng.random()
    if roll < 0.08:
        return "unknown"
    if roll < 0.12:
        return {"not_applicable": "does not apply here"}
    if kind == "law_practice":
        answer: dict[str, Any] = {}
        for aspect in ("in_law", "in_practice"):
            if rng.random() < 0.85:
                answer[aspect] = rng.choice(["yes", "partly", "no", "unknown"])
        return answer or "unknown"
    if kind == "choice":
        return rng.choice(choices)
    if kind == "multi":
        return rng.sample(list(choices), rng.randint(0, len(choices)))
    if kind == "number":
        number = rng.choice([0, 1, 2, 3, 4, 5, 7, 10, 25, 30, 49, 50, 51, 75, 100])
        low, high = bounds  # clamped, so that the draws (and the seeds' meaning) stay the same
        return min(max(number, low if low is not None else number),
                   high if high is not None else number)
    if kind == "text":
        return rng.choice(["Commission des droits", "حقوق الإنسان", "x\u202e y", "🙂"])
    return None


def random_questionnaire(seed: int, density: float = 0.7) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for qid, q in questions().items():
        if q.kind in ("list", "derived") or rng.random() > density:
            continue
        if qid == "profile.assessment_year" or qid.endswith("_year"):
            value: Any = rng.choice([2019, 2023, 2025, 2026])
        else:
            value = random_answer(rng, q.kind, q.choices, (q.minimum, q.maximum))
        if value is None:
            continue
        section, name = qid.split(".", 1)
        out.setdefault(section, {})[name] = value
    if rng.random() < 0.5:
        out.setdefault("accreditation", {})["previous_recommendations"] = [
            {"text": "Amend the law", "status": rng.choice(["implemented", "not_implemented",
                                                            "unknown"])}]
    return out
