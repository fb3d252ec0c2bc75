"""The ``paris-check`` command line. Parses options, calls the library, maps errors to exit codes.

Exit codes: 0 success; 1 gaps at or above ``--fail-on``; 2 bad input or usage; 3 invalid rule
pack; 4 report template problem; 5 engine or internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .i18n import _, current_language, set_language
from .vocabulary import SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])
EXTENSIONS = {"json": ".json", "markdown": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx",
              "text": ".txt"}
FORMAT_BY_EXT = {v: k for k, v in EXTENSIONS.items()} | {".markdown": "markdown", ".htm": "html"}


class _State:
    debug = False


def _fail(exc: BaseException) -> None:
    """Print one line for a known error (or a short internal-error line) and exit."""
    from .errors import EXIT_ENGINE, ParisCheckError

    if _State.debug:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, ParisCheckError):
        click.echo(exc.one_line(), err=True)
        sys.exit(exc.exit_code)
    click.echo(_("paris-check: internal error: %(error)s (run again with --debug for details)",
                 error=type(exc).__name__ + ": " + str(exc)), err=True)
    sys.exit(EXIT_ENGINE)


def guarded(fn: F) -> F:
    """Decorator: turn exceptions into one-line messages and exit codes."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(_("interrupted"), err=True)
            sys.exit(130)
        except BrokenPipeError:  # `paris-check rules list | head`: the reader has gone
            from ._entry import stdout_closed

            stdout_closed()
        except BaseException as exc:
            _fail(exc)

    return wrapper  # type: ignore[return-value]


def _ruleset(rules_dir: str | None) -> Any:
    from .packs import load_rules

    return load_rules(rules_dir)


def _output_path(out: str | None, source: str, fmt: str) -> Path | None:
    if out is None:
        return None
    p = Path(out)
    if p.is_dir() or out.endswith(("/", "\\")):
        return p / (Path(source).stem + EXTENSIONS[fmt])
    return p


def _infer_format(fmt: str | None, out: str | None, default: str) -> str:
    if fmt:
        return fmt
    if out and not Path(out).is_dir():
        return FORMAT_BY_EXT.get(Path(out).suffix.lower(), default)
    return default


LANG_HELP = ("Language of the messages{what} (en, fr, es, ar; default: the PARIS_CHECK_LANG "
             "environment variable, else en).")


def lang_option(what: str = "") -> Callable[[F], F]:
    """The ``--lang`` option; :func:`_language` applies it (after ``PARIS_CHECK_LANG``)."""
    return click.option("--lang", default=None, metavar="LANG",
                        help=LANG_HELP.format(what=what))


def _language(lang: str | None) -> str:
    """Print messages in ``lang`` (when given; an unknown one is a PC031 error) and return the
    language in use."""
    if lang is not None:
        set_language(lang)
    return current_language()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paris-check")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
def main(debug: bool) -> None:
    """Check a National Human Rights Institution against the Paris Principles and the GANHRI
    Sub-Committee on Accreditation's General Observations, and write a gap report.

    Start with `paris-check init` to get a blank questionnaire, fill it in, then run
    `paris-check report my-institution.yaml`. The status shown is indicative only: it is not an
    accreditation decision.
    """
    _State.debug = debug
    import functools

    from .i18n import language_from_env, reset_language

    try:  # PARIS_CHECK_LANG: the language of every message, options included
        token = set_language(language_from_env())
    except Exception as exc:  # an unknown language: the same error as for --lang
        _fail(exc)
    # The language (and a command's --lang) lasts as long as the command: callers that run
    # the CLI in-process (tests, scripts) get their own language back.
    click.get_current_context().call_on_close(functools.partial(reset_language, token))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "pdf", "docx"]),
              default=None,
              help="Output format (default: text on screen, or from the -o file extension).")
@click.option("-o", "--output", "out", default=None,
              help="Write to this file or folder (- for standard output).")
@click.option("--force", is_flag=True,
              help="Replace an existing output file even if its name does not end in the "
                   "format's extension (an input file is never replaced).")
@lang_option(" and of the report")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="blocker", show_default=True,
              help="Exit with code 1 if a gap of this severity or worse is found.")
@click.option("--exit-zero", is_flag=True, help="Always exit 0 when the assessment ran.")
@click.option("--rules", "rules_dir", default=None, help="Use rule packs from this folder.")
@click.option("--since", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A previous self-check (.yaml questionnaire or .json result): add a "
                   "'Progress since the previous self-check' section (markdown, html, pdf).")
@click.option("--annexes", is_flag=True,
              help="Add the annexes to the report (method, answers as given, references, "
                   "glossary).")
@guarded
def assess(file: str, fmt: str | None, out: str | None, force: bool, lang: str | None,
           fail_on: str, exit_zero: bool, rules_dir: str | None, since: str | None,
           annexes: bool) -> None:
    """Assess a questionnaire FILE and print or write the findings."""
    lang = _language(lang)
    from .assessing import Assessor
    from .questionnaire.load import load_questionnaire

    fmt = _infer_format(fmt, out, "text")
    _check_since(since, fmt)
    _output_target(out, file, fmt, force, protect=[since])
    loaded = load_questionnaire(file)
    ruleset = _ruleset(rules_dir)
    _check_justifications(loaded, ruleset)
    with Assessor(ruleset) as assessor:
        result = assessor.assess(loaded.questionnaire, source_name=loaded.name,
                                 source_bytes=loaded.raw)
        progress = _progress_since(since, assessor, result, loaded) if since else None
    _emit(result, loaded, fmt, out, lang, file, progress=progress, protect=[since], force=force,
          annexes=annexes)
    if not exit_zero and _gaps_at_or_above(result, fail_on):
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", "out", default=None,
              help="Output file or folder (default: FILE with .pdf next to it; - for "
                   "standard output).")
@click.option("--force", is_flag=True,
              help="Replace an existing output file even if its name does not end in the "
                   "format's extension (an input file is never replaced).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "markdown", "docx", "json"]),
              default=None, help="Report format (default: pdf, or from the -o extension).")
@lang_option(" and of the report")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit with code 1 if a gap of this severity or worse is found.")
@click.option("--rules", "rules_dir", default=None, help="Use rule packs from this folder.")
@click.option("--since", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="A previous self-check (.yaml questionnaire or .json result): add a "
                   "'Progress since the previous self-check' section.")
@click.option("--annexes", is_flag=True,
              help="Add the annexes to the report (method, answers as given, references, "
                   "glossary).")
@guarded
def report(file: str, out: str | None, force: bool, fmt: str | None, lang: str | None,
           fail_on: str | None, rules_dir: str | None, since: str | None,
           annexes: bool) -> None:
    """Write the gap report for a questionnaire FILE (PDF by default)."""
    lang = _language(lang)
    from .assessing import Assessor
    from .questionnaire.load import load_questionnaire

    fmt = _infer_format(fmt, out, "pdf")
    _check_since(since, fmt)
    if out is None:
        out = str(Path(file).with_suffix(EXTENSIONS[fmt]))
    _output_target(out, file, fmt, force, protect=[since])
    loaded = load_questionnaire(file)
    ruleset = _ruleset(rules_dir)
    _check_justifications(loaded, ruleset)
    with Assessor(ruleset) as assessor:
        result = assessor.assess(loaded.questionnaire, source_name=loaded.name,
                                 source_bytes=loaded.raw)
        progress = _progress_since(since, assessor, result, loaded) if since else None
    _emit(result, loaded, fmt, out, lang, file, progress=progress, protect=[since], force=force,
          annexes=annexes)
    if fail_on and _gaps_at_or_above(result, fail_on):
        sys.exit(1)


def _check_justifications(loaded: Any, ruleset: Any) -> None:
    """A justification must name a rule of the rule set in use (located error otherwise)."""
    from .justify import check_codes

    check_codes(loaded.questionnaire, [r.code for p in ruleset.packs for r in p.rules],
                name=loaded.name, raw=loaded.raw)


def _gaps_at_or_above(result: Any, severity: str) -> bool:
    worst = SEVERITIES[: SEVERITIES.index(severity) + 1]
    return any(r.status == "gap" and r.severity in worst for r in result.results)


def _check_since(since: str | None, fmt: str) -> None:
    """``--since`` adds a report section: refuse it for formats without one."""
    from .errors import InputError

    if since and fmt not in ("markdown", "html", "pdf"):
        raise InputError(_("--since needs a report format, not %(format)s", format=fmt),
                         code="PC030",
                         hint=_("use --format markdown, html or pdf (or `paris-check diff`)"))


def _progress_since(since: str, assessor: Any, result: Any, loaded: Any) -> Any:
    """The :class:`~paris_check.compare.Diff` from the previous self-check to ``result``."""
    from .compare import diff_assessments, load_result
    from .questionnaire.load import load_questionnaire

    if Path(since).suffix.lower() == ".json":
        return diff_assessments(load_result(since), result, None, loaded.questionnaire)
    old = load_questionnaire(since)
    before = assessor.assess(old.questionnaire, source_name=old.name, source_bytes=old.raw)
    return diff_assessments(before, result, old.questionnaire, loaded.questionnaire)


def _replaceable(fmt: str, force: bool) -> tuple[str, ...] | None:
    """The extensions an existing output file may have to be replaced (None: any, --force)."""
    return None if force else tuple(ext for ext, f in FORMAT_BY_EXT.items() if f == fmt)


def _output_target(out: str | None, source: str, fmt: str, force: bool,
                   protect: list[str | None] | None = None) -> Path | None:
    """Where ``-o`` sends the output (None: the screen); refuse a bad target before any work.

    An existing file is replaced only if its name ends in the format's extension (running the
    command again replaces its previous output) or with --force; an input never is.
    """
    from .errors import InputError
    from .outputs import STDOUT, check_output

    if fmt == "text":
        if out not in (None, STDOUT):
            raise InputError(_("text output is for the screen"), code="PC030",
                             hint=_("use --format json, markdown, html or pdf with -o"))
        return None
    target = _output_path(out, source, fmt)
    if target is None or str(target) == STDOUT:
        if fmt in ("pdf", "docx") and (target is None or sys.stdout.isatty()):
            raise InputError(_("a %(format)s file cannot be printed to the screen",
                               format=fmt.upper()), code="PC030",
                             hint=_("add -o report.%(ext)s (or redirect: -o - > report.%(ext)s)",
                                    ext=fmt))
        return target
    check_output(target, protect=[source, *(p for p in protect or () if p)],
                 replaceable=_replaceable(fmt, force))
    return target


def _emit(result: Any, loaded: Any, fmt: str, out: str | None, lang: str, source: str,
          progress: Any = None, protect: list[str | None] | None = None,
          force: bool = False, annexes: bool = False) -> None:
    from .outputs import write_atomic

    target = _output_target(out, source, fmt, force, protect)
    if fmt == "text":
        _print_summary(result)
        return
    if fmt == "json":
        data = result.to_json().encode("utf-8")
    else:
        from .report import render

        data = render(result, fmt, lang=lang, questionnaire=loaded.questionnaire,
                      progress=progress, annexes=annexes)
    if target is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    written = write_atomic(target, data, protect=[source, *(p for p in protect or () if p)],
                           replaceable=_replaceable(fmt, force))
    if written is not None:
        click.echo(_("wrote %(path)s", path=written), err=True)


def _raise_broken_pipe() -> None:
    raise BrokenPipeError


def _print_summary(result: Any) -> None:
    """The terminal summary, in the current language (rule texts, status words and reasons
    through :class:`~paris_check.wording.Wording`)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .citations import cite_text
    from .i18n import Translator, norm
    from .wording import Wording

    tr = Translator(current_language())
    words = Wording(tr, "terminal")
    titles = {r.code: tr.rule(r.code, "title", r.title) for r in result.results}

    console = Console(soft_wrap=True)
    # rich ends the program with exit 1 on a closed pipe, which reads as "gaps found": let the
    # error through to the one place that handles it (guarded).
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
    inst = result.institution
    console.print(f"[bold]{inst.name or _('Unnamed institution')}[/bold]"
                  f"{' (' + inst.country + ')' if inst.country else ''}")
    st = result.status
    console.print(_("Indicative status: %(label)s (confidence %(confidence)s)",
                    label="[bold]" + words.status_label(st.label) + "[/bold]",
                    confidence=words.confidence(st.confidence)))
    for reason in words.status_reasons(st, titles, words.area_titles(result)):
        console.print(f"  - {escape(reason)}")
    console.print(f"[dim]{escape(tr.gettext(norm(st.disclaimer)))}[/dim]")
    c = result.counts
    console.print(_("Requirements: %(met)s met, %(gaps)s gaps, %(unknown)s unknown, "
                    "%(na)s not applicable", met=c.met, gaps=c.gaps, unknown=c.unknown,
                    na=c.not_applicable))
    gaps = result.gaps()
    if gaps:
        table = Table(title=_("Gaps, most serious first"), show_lines=False)
        for col in (_("Code"), _("Severity"), _("Requirement"), _("Law/practice"),
                    _("References")):
            table.add_column(col)
        for r in gaps:
            table.add_row(r.code, words.severity(r.severity), escape(titles[r.code]),
                          words.aspects(r.aspects) or "-", cite_text(r.references, tr))
        console.print(table)
    if result.unanswered:
        console.print(_("Questions still unanswered: %(num)s; the report lists them under “What "
                        "the SCA will ask for”.", num=len(result.unanswered)))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@lang_option()
@guarded
def validate(files: tuple[str, ...], lang: str | None) -> None:
    """Check that questionnaire FILES are valid, without assessing them."""
    from .errors import ParisCheckError

    _language(lang)
    from .questionnaire.load import load_questionnaire

    failed = 0
    ruleset = None
    for f in files:
        try:
            loaded = load_questionnaire(f)
            if loaded.questionnaire.justifications:
                ruleset = ruleset or _ruleset(None)
                _check_justifications(loaded, ruleset)
            for note in loaded.notes:
                click.echo(note, err=True)
            click.echo(_("%(file)s: ok", file=f))
        except ParisCheckError as exc:
            failed = exc.exit_code
            click.echo(exc.one_line(), err=True)
    if failed:
        sys.exit(failed)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", "out", default=None,
              help="Output file (default: FILE with -statement.docx next to it; - for "
                   "standard output).")
@click.option("--force", is_flag=True,
              help="Replace an existing output file even if its name does not end in .docx "
                   "(an input file is never replaced).")
@lang_option(" and of the document")
@guarded
def statement(file: str, out: str | None, force: bool, lang: str | None) -> None:
    """Write a Statement of Compliance draft (DOCX) pre-filled from questionnaire FILE.

    Every question of the Statement of Compliance is answered from the questionnaire, with the
    provisions and documents cited as evidence; unknown or missing answers leave a visible
    placeholder. The structure is a reconstruction of GANHRI's form: copy the answers into the
    form GANHRI sends.
    """
    from .outputs import write_atomic
    from .questionnaire.load import load_questionnaire
    from .report.statement import render_statement

    lang = _language(lang)
    if out is None:
        out = str(Path(file).with_name(Path(file).stem + "-statement.docx"))
    target = _output_target(out, file, "docx", force)
    loaded = load_questionnaire(file)
    data = render_statement(loaded.questionnaire, lang=lang)
    assert target is not None  # -o is always set here; _output_target refused the screen
    written = write_atomic(target, data, protect=[file], replaceable=_replaceable("docx", force))
    if written is not None:
        click.echo(_("wrote %(path)s", path=written), err=True)


@main.command()
@click.argument("path", default="questionnaire.yaml", type=click.Path(path_type=str))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@lang_option(" and of the questionnaire's comments (its keys stay English)")
@guarded
def init(path: str, force: bool, lang: str | None) -> None:
    """Write a blank questionnaire to PATH (default: questionnaire.yaml)."""
    from .outputs import check_output, write_atomic
    from .questionnaire.template import render_template

    lang = _language(lang)

    # An existing file is never replaced without --force; PATH may be - or a special file.
    replaceable = None if force else ()
    check_output(path, replaceable=replaceable)
    schema = Path(__file__).resolve().parent / "schemas" / "questionnaire.schema.json"
    # An absolute file URI: the file can be moved anywhere on this machine and editors still
    # find the schema (a relative path breaks as soon as the file moves).
    ref = schema.as_uri()
    text = render_template(ref, lang=lang)
    if write_atomic(path, text.encode("utf-8"), replaceable=replaceable):
        click.echo(_("wrote %(path)s: fill it in, then run `paris-check report %(path)s`",
                     path=path), err=True)


@main.command()
@click.argument("kind", type=click.Choice(["questionnaire", "result"]), default="questionnaire")
@guarded
def schema(kind: str) -> None:
    """Print the JSON Schema of the questionnaire or of the result."""
    from .schemas import schema_json

    click.echo(schema_json(kind), nl=False)


@main.command()
@guarded
def questions() -> None:
    """List every question with its ID, kind and references."""
    from .questionnaire.catalogue import sections

    tr = _translator()
    for sec in sections():
        title = tr.question(f"section:{sec.id}", "title", sec.title) if tr else sec.title
        click.echo(f"[{sec.id}] {title}")
        for q in sec.questions:
            choices = f" ({'/'.join(q.choices)})" if q.choices and q.kind != "law_practice" else ""
            label = tr.question(q.id, "label", q.label) if tr else q.label
            click.echo(f"  {q.id}: {label} [{q.kind}{choices}] {', '.join(q.refs)}")


def _translator() -> Any:
    """A :class:`~paris_check.i18n.Translator` for the current language (None in English, whose
    texts are printed as written)."""
    from .i18n import Translator

    lang = current_language()
    return None if lang == "en" else Translator(lang)


@main.group()
def rules() -> None:
    """Browse the rule packs."""


@rules.command("list")
@click.option("--rules", "rules_dir", default=None, help="Rule packs folder.")
@guarded
def rules_list(rules_dir: str | None) -> None:
    """List every rule: code, severity, slug and title."""
    rs = _ruleset(rules_dir)
    tr = _translator()
    for pack in rs.packs:
        title = tr.rule(f"pack:{pack.name}", "title", pack.spec.title) if tr else pack.spec.title
        click.echo(f"{pack.name} {pack.version} — {title}")
        for r in pack.rules:
            title = tr.rule(r.code, "title", r.spec.title) if tr else r.spec.title
            click.echo(f"  {r.code}  {r.spec.severity:<8} {r.spec.slug}: {title}")


@rules.command("check")
@click.argument("folder", type=click.Path(exists=False, path_type=str))
@guarded
def rules_check(folder: str) -> None:
    """Validate the rule packs in FOLDER and run every rule's examples.

    Prints one located line per failing example and exits 3 if any fails (pack errors exit 3
    too, before any example runs).
    """
    from .rulecheck import run_examples

    rs = _ruleset(folder)
    total = failed = 0
    for _res, err in run_examples(rs):
        total += 1
        if err is not None:
            failed += 1
            click.echo(err.one_line(), err=True)
    click.echo(_("%(packs)s pack(s), %(rules)s rule(s): %(ok)s of %(total)s examples give what "
                 "they expect", packs=len(rs.packs), rules=len(rs.rules), ok=total - failed,
                 total=total))
    if failed:
        sys.exit(3)


@rules.command("show")
@click.argument("code")
@click.option("--rules", "rules_dir", default=None, help="Rule packs folder.")
@guarded
def rules_show(code: str, rules_dir: str | None) -> None:
    """Show one rule (by code or slug) with its examples."""
    from .conditions import questions_of

    r = _ruleset(rules_dir).rule(code)
    s = r.spec
    tr = _translator()

    def text(field: str) -> str:
        english = getattr(s, field)
        return tr.rule(s.code, field, english) if tr else english

    click.echo(f"{s.code} {s.slug} — {text('title')}")
    click.echo(f"pack: {r.pack}   severity: {s.severity}   confidence: {s.confidence}")
    click.echo(f"references: {', '.join(s.references)}")
    click.echo(f"reads: {', '.join(questions_of(r.gap))}")
    for head, field in ((_("Why it matters"), "rationale"),
                        (_("Finding when not met"), "finding"),
                        (_("What to do"), "recommendation")):
        click.echo(f"\n{head}:\n  {' '.join(text(field).split())}")
    click.echo("\n" + _("Examples:"))
    for ex in s.examples:
        click.echo(f"  [{ex.expect}] {ex.name}: {ex.answers}")


@rules.command("coverage")
@click.option("--uncovered", is_flag=True, help="Only list requirements with no rule.")
@guarded
def rules_coverage(uncovered: bool) -> None:
    """Print the coverage matrix: Paris Principles clauses and GOs -> rules."""
    from .coverage import coverage_matrix

    missing = 0
    for row in coverage_matrix(_ruleset(None)):
        if row.rules:
            if not uncovered:
                click.echo(f"{row.id:<16} {', '.join(row.rules)}")
        elif row.excluded:
            if not uncovered:
                click.echo(f"{row.id:<16} " + _("(not checkable: %(why)s)", why=row.excluded))
        else:
            missing += 1
            click.echo(f"{row.id:<16} " + _("NOT COVERED"))
    if missing:
        sys.exit(1)


@main.command()
@click.argument("directory", type=click.Path(path_type=str))
@click.option("-o", "--output", "outdir", required=True, help="Folder for the results.")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "html", "pdf"]),
              default="json", show_default=True, help="Format of each result.")
@lang_option(" and of the report")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit with code 1 if any file has a gap of this severity or worse.")
@click.option("--rules", "rules_dir", default=None, help="Use rule packs from this folder.")
@guarded
def batch(directory: str, outdir: str, fmt: str, lang: str | None, jobs: int | None,
          fail_on: str | None, rules_dir: str | None) -> None:
    """Assess every questionnaire (*.yaml, *.yml) under DIRECTORY into a folder.

    Writes one result per questionnaire plus summary.csv and summary.json. A file that cannot
    be read is reported and skipped (exit code 2 at the end).
    """
    from .batch import run_batch

    lang = _language(lang)
    callbacks: dict[str, Any] = {}
    progress = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
        task = progress.add_task(_("Assessing"), total=None)
        callbacks = {"on_start": lambda n: progress.update(task, total=n),
                     "on_done": lambda row: progress.advance(task)}
        progress.start()
    try:
        summary = run_batch(directory, outdir, fmt=fmt, lang=lang, jobs=jobs,
                            rules_dir=rules_dir, **callbacks)
    finally:
        if progress is not None:
            progress.stop()
    for row in summary.rows:
        if row.error:
            click.echo(row.error if row.file in row.error else f"{row.file}: {row.error}",
                       err=True)
    click.echo(_("assessed %(done)s of %(files)s file(s) into %(folder)s (summary.csv, "
                 "summary.json)", done=summary.files - summary.failed, files=summary.files,
                 folder=outdir), err=True)
    if summary.failed:
        sys.exit(2)
    if fail_on and any(r.failed_on(fail_on) for r in summary.rows):
        sys.exit(1)


@main.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default=None,
              help="Output format (default: from the -o extension, .md or .json; markdown "
                   "for a name without one).")
@click.option("-o", "--output", "out", default=None,
              help="Write to this file (- for standard output).")
@click.option("--force", is_flag=True,
              help="Replace an existing output file even if its name does not end in the "
                   "format's extension (OLD and NEW are never replaced).")
@click.option("--rules", "rules_dir", default=None, help="Use rule packs from this folder.")
@lang_option(" and of the Markdown summary")
@guarded
def diff(old: str, new: str, fmt: str | None, out: str | None, force: bool,
         rules_dir: str | None, lang: str | None) -> None:
    """Show progress between an OLD and a NEW assessment.

    Each of OLD and NEW is a questionnaire (.yaml) or a saved result (.json). Lists gaps
    closed, new gaps, regressions, answers now missing, and changes of status and scores.
    """
    from .compare import compare
    from .errors import InputError, SourceSpan
    from .outputs import STDOUT, check_output, write_atomic

    lang = _language(lang)
    if out is not None:  # an input named as the output: the refusal that matters most
        check_output(out, protect=[old, new])
    if fmt is None and out not in (None, STDOUT):
        suffix = Path(out).suffix.lower()
        fmt = FORMAT_BY_EXT.get(suffix, "markdown" if not suffix else "")
        if fmt not in ("markdown", "json"):
            raise InputError(_("diff writes Markdown or JSON, not %(suffix)s", suffix=suffix),
                             code="PC030", span=SourceSpan(out),
                             hint=_("name the file .md or .json; for a PDF with the progress, "
                                    "run `paris-check report NEW --since OLD`"))
    fmt = fmt or "markdown"
    if out is not None:
        check_output(out, protect=[old, new], replaceable=_replaceable(fmt, force))
    from .assessing import Assessor

    with Assessor(_ruleset(rules_dir)) as assessor:
        result = compare(old, new, assessor=assessor)
    text = result.to_json() if fmt == "json" else result.to_markdown(lang=lang)
    if out is None:
        click.echo(text, nl=False)
        return
    written = write_atomic(out, text.encode("utf-8"), protect=[old, new],
                           replaceable=_replaceable(fmt, force))
    if written is not None:
        click.echo(_("wrote %(path)s", path=written), err=True)


@main.command()
@click.argument("file", default="questionnaire.yaml", type=click.Path(path_type=str))
@lang_option(" and of the form")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on (default: 8642 or the next free one; 0: any free port).")
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@guarded
def serve(file: str, lang: str | None, port: int | None, no_browser: bool) -> None:
    """Fill in questionnaire FILE in a browser, with live findings.

    Starts a local web application on 127.0.0.1 and opens it in the browser. Every answer is
    saved to FILE at once (created at the first answer if it does not exist; default:
    questionnaire.yaml), keeping its comments and layout; the status, scores and gaps update
    beside the form. The address holds a secret token: only this computer, and only with the
    address printed, can open the page. Needs the web extra: pip install 'paris-check[web]'.
    """
    from .web import serve as run

    lang = _language(lang)
    run(file, lang=lang, port=port, open_browser=not no_browser, debug=_State.debug)


if __name__ == "__main__":  # pragma: no cover
    main()
