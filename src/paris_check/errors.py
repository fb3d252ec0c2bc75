"""Exceptions raised by paris_check, and the exit codes the CLI maps them to.

Hierarchy::

    ParisCheckError                 base class; never raised directly
    ├── InputError                  a questionnaire, answer file or option is wrong (exit 2)
    │   ├── YamlSyntaxError         the file is not valid YAML                    (PC001)
    │   ├── QuestionnaireError      valid YAML, but not a valid questionnaire     (PC010-PC019)
    │   ├── FileAccessError         missing, unreadable, a directory, not UTF-8    (PC020-PC029)
    │   └── MultipleInputErrors     several problems in one file, one line each
    ├── RulePackError               a rule pack is invalid (exit 3)
    │   └── RulePackErrors          several rule-pack problems, one line each
    ├── TemplateError               a report template is missing or broken (exit 4)
    └── EngineError                 the rules engine failed (exit 5)

:class:`Problem` is not one of them: a ``ValueError`` that answer validators raise inside
pydantic, which the loader turns into a located :class:`QuestionnaireError`.

Messages and hints are in the current language (``paris_check.i18n.set_language``), English
unless the CLI was given ``--lang`` or ``PARIS_CHECK_LANG``.

Every error carries a stable ``code``, a one-line ``message``, an optional ``hint`` (what to
write instead) and an optional :class:`SourceSpan`. ``str(error)`` gives the one-line form
``file:line:col: CODE message — hint``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INPUT = 2
EXIT_RULES = 3
EXIT_TEMPLATE = 4
EXIT_ENGINE = 5

#: At most this many lines are shown for one file with several problems.
MAX_LINES = 20


@dataclass(frozen=True)
class SourceSpan:
    """A position in a source file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


class ParisCheckError(Exception):
    """Base class of every error paris_check raises on purpose."""

    exit_code = EXIT_INPUT
    default_code = "PC000"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        hint: str | None = None,
        span: SourceSpan | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.hint = hint
        self.span = span
        self.field = field

    def one_line(self) -> str:
        """The error as one line: ``where: CODE message — hint``."""
        where = f"{self.span}: " if self.span else ""
        field = f"{self.field}: " if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{self.code} {field}{self.message}{hint}"

    def __str__(self) -> str:
        return self.one_line()


class InputError(ParisCheckError):
    """The user's input (file, YAML, answers, option) is not acceptable."""

    exit_code = EXIT_INPUT
    default_code = "PC010"


class YamlSyntaxError(InputError):
    """The file is not well-formed YAML (or uses forbidden YAML features)."""

    default_code = "PC001"


class QuestionnaireError(InputError):
    """The YAML is well formed but does not match the questionnaire model."""

    default_code = "PC010"


class FileAccessError(InputError):
    """The file is missing, is a directory, pipe or device, cannot be read, or is not UTF-8."""

    default_code = "PC020"


class RulePackError(ParisCheckError):
    """A rule pack is malformed or would trip a known engine crash class."""

    exit_code = EXIT_RULES
    default_code = "PC100"


class TemplateError(ParisCheckError):
    """A report template is missing, unreadable or fails to render."""

    exit_code = EXIT_TEMPLATE
    default_code = "PC200"


class EngineError(ParisCheckError):
    """The rules engine reported an internal failure."""

    exit_code = EXIT_ENGINE
    default_code = "PC300"


class _Several:
    """Mixin for an error that stands for several: ``errors`` holds each, one line apiece.

    ``more`` counts further problems that were found but not described (a file with thousands
    of errors gets the first ``MAX_LINES`` and a last line saying how many more there are).
    """

    errors: list[ParisCheckError]
    more: int

    def __init__(self, errors: list[ParisCheckError], more: int = 0) -> None:
        first = errors[0]
        super().__init__(first.message, code=first.code, hint=first.hint,  # type: ignore[call-arg]
                         span=first.span, field=first.field)
        self.errors = errors
        self.more = more

    @property
    def count(self) -> int:
        """How many problems were found in all."""
        return len(self.errors) + self.more

    def one_line(self) -> str:
        lines = [e.one_line() for e in self.errors[:MAX_LINES]]
        hidden = self.count - len(lines)
        if hidden:
            where = f"{self.errors[0].span.path}: " if self.errors[0].span else ""
            more = (_("… and %(num)s more problems (fix the ones above first)", num=format(hidden, ","))
                    if hidden > 1 else _("… and 1 more problem (fix the ones above first)"))
            lines.append(f"{where}{more}")
        return "\n".join(lines)


class MultipleInputErrors(_Several, InputError):
    """Several problems found in one questionnaire; ``errors`` holds each of them."""


class RulePackErrors(_Several, RulePackError):
    """Several problems found in rule packs; ``errors`` holds each of them."""


class Problem(ValueError):
    """A validator's complaint, raised inside pydantic: message and hint kept apart (each in
    the current language), so that the loader need not split a sentence to find the hint.

    ``str()`` is the two joined by ``sep`` (``": "``, or ``", "`` before "e.g.").
    """

    def __init__(self, message: str, hint: str | None = None, sep: str = ": ") -> None:
        super().__init__(message if hint is None else f"{message}{sep}{hint}")
        self.message = message
        self.hint = hint
