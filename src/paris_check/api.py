"""The embedding API behind ``import paris_check``: load, assess, render, compare.

Every function here is safe to call from several threads at once. Assessors (the compiled
rules) are cached per rule set; no state of one assessment is kept for the next.

The JSON form of an :class:`~paris_check.results.Assessment` is described by a JSON Schema:
:func:`paris_check.schemas.result_schema` (also ``paris-check schema result``).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .assessing import Assessor
    from .compare import Diff
    from .packs import RuleSet
    from .questionnaire.load import LoadedQuestionnaire
    from .questionnaire.model import Questionnaire
    from .results import Assessment

Source = str | os.PathLike[str] | dict[str, Any]
Format = Literal["json", "markdown", "html", "pdf", "docx"]
FORMATS: tuple[str, ...] = ("json", "markdown", "html", "pdf", "docx")
MAX_CACHED_ASSESSORS = 16

_lock = threading.Lock()
_assessors: dict[str, Assessor] = {}


def load_questionnaire(source: Source, *, name: str | None = None) -> Questionnaire:
    """Load and validate a questionnaire.

    ``source`` is a path to a YAML file, YAML text (when it contains a newline or ``name`` is
    given) or an already-parsed ``dict``. ``name`` labels the source in error messages.

    Raises:
        FileAccessError: the file is missing, a directory, too large, binary or not UTF-8.
        YamlSyntaxError: the text is not acceptable YAML (syntax, aliases, deep nesting...).
        QuestionnaireError: the YAML does not match the questionnaire model
            (:class:`~paris_check.errors.MultipleInputErrors` when there are several problems).

    All three are subclasses of :class:`~paris_check.errors.InputError`.
    """
    from .questionnaire.load import load_questionnaire as _load

    loaded = _load(source, name=name)
    is_text = isinstance(source, str) and "\n" in source
    if not isinstance(source, dict) and (name is not None or not is_text):
        # a file, or text the caller named: keep where it came from (provenance, error lines)
        loaded.questionnaire._source = (loaded.name, loaded.raw)
    return loaded.questionnaire


def load_rules(path: str | os.PathLike[str] | None = None) -> RuleSet:
    """The bundled rule packs, or the packs (``*.yaml``) in the folder ``path``.

    Raises:
        RulePackError: the folder does not exist, holds no pack, or a pack is invalid (the
            error lists every problem found).
    """
    from .packs import load_rules as _load_rules

    return _load_rules(path)


def assessor_for(rules: RuleSet | None = None) -> Assessor:
    """The shared, cached :class:`~paris_check.assessing.Assessor` for ``rules`` (thread-safe).

    Rule sets with identical pack files share one assessor. Do not close it.
    """
    from .assessing import Assessor

    ruleset = rules if rules is not None else load_rules()
    key = ruleset.digest()
    with _lock:
        found = _assessors.get(key)
        if found is None:
            if len(_assessors) >= MAX_CACHED_ASSESSORS:
                # Evicted assessors are not closed: another thread may still be using one.
                _assessors.pop(next(iter(_assessors)))
            found = _assessors[key] = Assessor(ruleset)
        return found


def assess(questionnaire: Questionnaire | LoadedQuestionnaire | Source,
           rules: RuleSet | None = None) -> Assessment:
    """Assess a questionnaire against ``rules`` (default: the bundled packs).

    ``questionnaire`` is a :class:`~paris_check.questionnaire.model.Questionnaire` or anything
    :func:`load_questionnaire` accepts. Given a path, the result's provenance (file name and
    SHA-256 of the file) is the same as ``paris-check assess`` gives.

    The result is an :class:`~paris_check.results.Assessment`; its JSON (``.to_json()``) follows
    the schema returned by :func:`paris_check.schemas.result_schema`. The status it gives is
    indicative only, never an accreditation decision.

    Raises:
        InputError: ``questionnaire`` is a path, text or dict that cannot be loaded.
        RulePackError: the bundled packs are invalid (only if the installation is broken).
        EngineError: the rules engine failed.
    """
    from .justify import check_codes
    from .questionnaire.load import LoadedQuestionnaire
    from .questionnaire.load import load_questionnaire as _load
    from .questionnaire.model import Questionnaire

    assessor = assessor_for(rules)
    codes = [r.code for p in assessor.ruleset.packs for r in p.rules]
    if isinstance(questionnaire, Questionnaire):
        source = questionnaire._source
        if source is None:
            check_codes(questionnaire, codes)
            return assessor.assess(questionnaire)
        check_codes(questionnaire, codes, name=source[0], raw=source[1])
        return assessor.assess(questionnaire, source_name=source[0], source_bytes=source[1])
    loaded = questionnaire if isinstance(questionnaire, LoadedQuestionnaire) else _load(
        questionnaire)
    check_codes(loaded.questionnaire, codes, name=loaded.name, raw=loaded.raw)
    return assessor.assess(loaded.questionnaire, source_name=loaded.name, source_bytes=loaded.raw)


def render(assessment: Assessment, fmt: Format = "json", *, lang: str = "en",
           questionnaire: Questionnaire | None = None, progress: Diff | None = None,
           annexes: bool = False) -> bytes:
    """Render an assessment as ``json``, ``markdown``, ``html``, ``pdf`` or ``docx`` bytes.

    JSON is the canonical result (same input, same bytes; schema:
    :func:`paris_check.schemas.result_schema`) and is the same in every language. The other
    formats are the gap report; pass the ``questionnaire`` to include answers it alone holds
    (e.g. previous SCA recommendations), ``progress`` (from :func:`diff`) to add a
    "progress since the previous self-check" section, and ``annexes=True`` to add the method,
    the answers as given, the references and the glossary after the report's body.

    Raises:
        InputError: unknown format or report language (codes PC030, PC031).
        TemplateError: a report template is missing or fails to render.
    """
    from .errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"no output format {fmt!r}", code="PC030",
                         hint="use one of: " + ", ".join(FORMATS))
    if fmt == "json":
        return assessment.to_json().encode("utf-8")
    from .report import available_languages
    from .report import render as _render

    if lang not in available_languages():
        raise InputError(f"no report language {lang!r}", code="PC031",
                         hint="available: " + ", ".join(available_languages()))
    return _render(assessment, fmt, lang=lang, questionnaire=questionnaire, progress=progress,
                   annexes=annexes)


def diff(old: Any, new: Any, *, rules: RuleSet | None = None) -> Diff:
    """Compare two assessments of the same institution: what improved, what got worse.

    ``old`` and ``new`` are each an :class:`~paris_check.results.Assessment`, a
    :class:`~paris_check.questionnaire.model.Questionnaire`, or a path to a questionnaire
    (``.yaml``/``.yml``, assessed with ``rules``) or to a saved JSON result (``.json``).
    Previous SCA recommendations can only be tracked when both sides are questionnaires.

    Raises:
        InputError: a file cannot be loaded, or a JSON result is not a valid result.
    """
    from .compare import compare

    return compare(old, new, assessor=assessor_for(rules))
