"""paris_check: check a National Human Rights Institution against the Paris Principles.

The public API, for embedding the engine in other programs::

    import paris_check

    q = paris_check.load_questionnaire("my-institution.yaml")
    result = paris_check.assess(q)              # an Assessment (pydantic model)
    print(result.status.label, len(result.gaps()))
    pdf = paris_check.render(result, "pdf", lang="fr", questionnaire=q)
    change = paris_check.diff("2021.yaml", "2026.yaml")
    print(change.to_markdown())

Functions: :func:`load_questionnaire`, :func:`load_rules`, :func:`assess`, :func:`render`,
:func:`diff`, :func:`result_schema` (the JSON Schema of a result's JSON). Errors are subclasses
of :class:`ParisCheckError`; bad input raises :class:`InputError`. Everything here is
thread-safe. Heavy modules are imported on first use, so ``import paris_check`` is cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it (imported lazily by __getattr__).
_EXPORTS: dict[str, str] = {
    # functions
    "load_questionnaire": "api",
    "load_rules": "api",
    "assess": "api",
    "render": "api",
    "diff": "api",
    "result_schema": "schemas",
    "questionnaire_schema": "schemas",
    # input and rules
    "Questionnaire": "questionnaire.model",
    "RuleSet": "packs",
    # result models
    "Assessment": "results",
    "RuleResult": "results",
    "AreaScore": "results",
    "IndicativeStatus": "results",
    "Counts": "results",
    "Provenance": "results",
    "Institution": "results",
    "AnswerView": "results",
    "Explanation": "results",
    "TestRecord": "results",
    "Condition": "results",
    "Remedy": "results",
    "StatusReason": "results",
    "PackInfo": "results",
    # comparison models
    "Diff": "compare",
    "RuleChange": "compare",
    "AreaChange": "compare",
    "StatusChange": "compare",
    "RecommendationChange": "compare",
    # errors
    "ParisCheckError": "errors",
    "InputError": "errors",
    "YamlSyntaxError": "errors",
    "QuestionnaireError": "errors",
    "FileAccessError": "errors",
    "MultipleInputErrors": "errors",
    "RulePackError": "errors",
    "TemplateError": "errors",
    "EngineError": "errors",
    "SourceSpan": "errors",
}

__all__ = [
    "AnswerView",
    "AreaChange",
    "AreaScore",
    "Assessment",
    "Condition",
    "Counts",
    "Diff",
    "EngineError",
    "Explanation",
    "FileAccessError",
    "IndicativeStatus",
    "InputError",
    "Institution",
    "MultipleInputErrors",
    "PackInfo",
    "ParisCheckError",
    "Provenance",
    "Questionnaire",
    "QuestionnaireError",
    "RecommendationChange",
    "Remedy",
    "RuleChange",
    "RulePackError",
    "RuleResult",
    "RuleSet",
    "SourceSpan",
    "StatusChange",
    "StatusReason",
    "TemplateError",
    "TestRecord",
    "YamlSyntaxError",
    "__version__",
    "assess",
    "diff",
    "load_questionnaire",
    "load_rules",
    "questionnaire_schema",
    "render",
    "result_schema",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'paris_check' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .api import assess, diff, load_questionnaire, load_rules, render
    from .compare import AreaChange, Diff, RecommendationChange, RuleChange, StatusChange
    from .errors import (
        EngineError,
        FileAccessError,
        InputError,
        MultipleInputErrors,
        ParisCheckError,
        QuestionnaireError,
        RulePackError,
        SourceSpan,
        TemplateError,
        YamlSyntaxError,
    )
    from .packs import RuleSet
    from .questionnaire.model import Questionnaire
    from .results import (
        AnswerView,
        AreaScore,
        Assessment,
        Condition,
        Counts,
        Explanation,
        IndicativeStatus,
        Institution,
        PackInfo,
        Provenance,
        Remedy,
        RuleResult,
        StatusReason,
        TestRecord,
    )
    from .schemas import questionnaire_schema, result_schema
