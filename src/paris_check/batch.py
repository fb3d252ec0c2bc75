"""Assess every questionnaire in a folder (``paris-check batch``).

Each questionnaire (``*.yaml``/``*.yml``, searched recursively, hidden folders skipped) gives one
output file in the output folder, at the same relative path. A roll-up ``summary.csv`` and
``summary.json`` list, per file: institution, country, indicative status and confidence, score
per area, gaps by severity, unknown count, and the one-line error of a file that failed. A bad
file never stops the others.

Work is spread over processes started with the ``spawn`` method (durable_rules keeps C state
that must not be inherited by ``fork``); each worker builds its own assessor once. All files
are written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from .i18n import _
from .vocabulary import SEVERITIES, OutputFormat

if TYPE_CHECKING:
    from .packs import RuleSet

EXTENSIONS = {f.value: f.extension for f in OutputFormat}

SUMMARY_FILES = ("summary.csv", "summary.json")


class SummaryRow(BaseModel):
    """One line of the roll-up: one questionnaire."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str = Field(description="Path of the questionnaire, relative to the input folder.")
    output: str | None = Field(None, description="Path of the output, relative to the output "
                               "folder; None if the file failed.")
    institution: str | None = None
    country: str | None = None
    status: str | None = Field(None, description="Indicative status (not a decision).")
    confidence: str | None = None
    scores: dict[str, float | None] = Field(default_factory=dict,
                                            description="Score per area, 0-100.")
    gaps: dict[str, int] = Field(default_factory=dict, description="Gap counts by severity.")
    unknown: int | None = None
    error: str | None = Field(None, description="The one-line error if the file failed.")

    def failed_on(self, severity: str) -> bool:
        """Whether this file has a gap of ``severity`` or worse."""
        worst = SEVERITIES[: SEVERITIES.index(severity) + 1]
        return any(self.gaps.get(s, 0) for s in worst)


class BatchSummary(BaseModel):
    """The roll-up of a batch run (also written as ``summary.json``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tool_version: str
    format: str
    areas: list[str]
    files: int
    failed: int
    rows: list[SummaryRow]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


@dataclass(frozen=True)
class Job:
    """One questionnaire to assess: its path and where its output goes."""

    source: str
    rel: str
    target: str
    rel_target: str


# --------------------------------------------------------------------------- discovery


def find_questionnaires(directory: str | os.PathLike[str],
                        exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """``*.yaml`` and ``*.yml`` files under ``directory``, sorted; hidden folders skipped.

    Folders in ``exclude`` (e.g. the output folder) are skipped too. Symbolic links to folders
    are not followed.
    """
    root = Path(directory)
    skip = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() not in skip)
        found.extend(here / f for f in filenames
                     if f.lower().endswith((".yaml", ".yml")) and not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def plan(files: Sequence[Path], directory: Path, outdir: Path, fmt: str) -> list[Job]:
    """Map each input to an output path; keep the suffix when two inputs would collide."""
    ext = EXTENSIONS[fmt]
    jobs: list[Job] = []
    taken: set[str] = set(SUMMARY_FILES)
    for f in files:
        rel = f.relative_to(directory)
        out_rel = rel.with_suffix(ext).as_posix()
        if out_rel.casefold() in taken:
            out_rel = rel.with_name(rel.name + ext).as_posix()
        taken.add(out_rel.casefold())
        jobs.append(Job(source=str(f), rel=rel.as_posix(), target=str(outdir / out_rel),
                        rel_target=out_rel))
    return jobs


# --------------------------------------------------------------------------- worker


class _Worker:
    """Per-process state: one assessor, built once."""

    assessor: Any = None
    fmt = "json"
    lang = "en"


def init_worker(ruleset: RuleSet, fmt: str, lang: str) -> None:
    """Build this process's assessor (runs once per worker process).

    The parent passes the loaded rule set (pickled: much faster than parsing the packs again);
    each process compiles its own durable_rules engine from it.
    """
    from .assessing import Assessor
    from .i18n import available_languages, set_language

    if lang in available_languages():  # messages about a file that cannot be read
        set_language(lang)
    _Worker.assessor = Assessor(ruleset)
    _Worker.fmt = fmt
    _Worker.lang = lang


def run_job(job: Job) -> SummaryRow:
    """Load, assess, render and write one questionnaire. Never raises for a bad file."""
    from .errors import ParisCheckError
    from .outputs import write_atomic
    from .questionnaire.load import load_questionnaire

    try:
        loaded = load_questionnaire(job.source)
        result = _Worker.assessor.assess(loaded.questionnaire, source_name=loaded.name,
                                         source_bytes=loaded.raw)
        if _Worker.fmt == "json":
            data = result.to_json().encode("utf-8")
        else:
            from .report import render

            data = render(result, _Worker.fmt, lang=_Worker.lang,
                          questionnaire=loaded.questionnaire)
        write_atomic(job.target, data, protect=[job.source], fsync=False,
                     replaceable=(EXTENSIONS[_Worker.fmt],))
    except ParisCheckError as exc:
        return SummaryRow(file=job.rel, error=_first_line(exc.one_line(),
                                                          getattr(exc, "count", None)))
    except Exception as exc:  # one bad file must not stop the batch
        return SummaryRow(file=job.rel, error=f"internal error: {type(exc).__name__}: {exc}")
    inst = result.institution
    return SummaryRow(
        file=job.rel, output=job.rel_target, institution=inst.name, country=inst.country,
        status=result.status.label, confidence=result.status.confidence,
        scores={a.area: a.score for a in result.areas},
        gaps={s: result.counts.gaps_by_severity.get(s, 0) for s in SEVERITIES},
        unknown=result.counts.unknown)


def _first_line(text: str, count: int | None = None) -> str:
    """The first line of an error; ``count`` (else the number of lines) says how many in all."""
    lines = text.splitlines()
    total = count or len(lines)
    more = f" (and {total - 1} more problems)" if total > 1 else ""
    return (lines[0] if lines else text) + more


# --------------------------------------------------------------------------- running


def default_jobs() -> int:
    """Number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(directory: str | os.PathLike[str], outdir: str | os.PathLike[str], *,
              fmt: str = "json", lang: str = "en", jobs: int | None = None,
              rules_dir: str | None = None, rules: RuleSet | None = None,
              on_start: Callable[[int], None] | None = None,
              on_done: Callable[[SummaryRow], None] | None = None) -> BatchSummary:
    """Assess every questionnaire under ``directory`` into ``outdir``; write the summaries.

    ``jobs`` is the number of worker processes (default: all cores; 1 runs in this process).
    ``rules`` (a loaded rule set) takes precedence over ``rules_dir``.
    ``on_start(total)`` and ``on_done(row)`` report progress.

    Raises:
        InputError: ``directory`` is not a folder, holds no questionnaire, or ``fmt``/``lang``
            is not available.
        RulePackError: the rule packs in ``rules_dir`` are invalid.
    """
    from . import __version__
    from .errors import FileAccessError, InputError, SourceSpan
    from .outputs import write_atomic
    from .packs import load_rules
    from .vocabulary import REPORT_FORMATS as FORMATS

    src, out = Path(directory), Path(outdir)
    if not src.is_dir():
        raise FileAccessError(_("this is not a folder"), code="PC021", span=SourceSpan(str(src)),
                              hint=_("give the folder that holds the questionnaires"))
    if fmt not in FORMATS:
        raise InputError(_("no output format %(format)s", format=repr(fmt)), code="PC030",
                         hint=_("use one of: %(formats)s", formats=", ".join(FORMATS)))
    if fmt != "json":
        from .i18n import check_language

        check_language(lang)
    # Fail fast on bad packs, before starting workers.
    ruleset = rules if rules is not None else load_rules(rules_dir)
    files = find_questionnaires(src, exclude=[out])
    if not files:
        raise InputError(_("no questionnaires (*.yaml, *.yml) in this folder"), code="PC032",
                         hint=_("check the folder; run `paris-check init` to create one"))
    todo = plan(files, src, out, fmt)
    if on_start:
        on_start(len(todo))
    workers = min(jobs or default_jobs(), len(todo))
    if workers <= 1:
        rows = _run_here(todo, ruleset, fmt, lang, on_done)
    else:
        rows = _run_pool(todo, workers, ruleset, fmt, lang, on_done)
    rows.sort(key=lambda r: r.file)
    areas = list(dict.fromkeys(p.spec.area for p in ruleset.packs))
    summary = BatchSummary(tool_version=__version__, format=fmt, areas=areas, files=len(rows),
                           failed=sum(r.error is not None for r in rows), rows=rows)
    write_atomic(out / "summary.json", summary.to_json().encode("utf-8"), replaceable=(".json",))
    write_atomic(out / "summary.csv", summary_csv(summary).encode("utf-8"), replaceable=(".csv",))
    return summary


def _run_here(todo: list[Job], ruleset: RuleSet, fmt: str, lang: str,
              on_done: Callable[[SummaryRow], None] | None) -> list[SummaryRow]:
    saved = (_Worker.assessor, _Worker.fmt, _Worker.lang)
    init_worker(ruleset, fmt, lang)
    try:
        rows = []
        for job in todo:
            rows.append(run_job(job))
            if on_done:
                on_done(rows[-1])
        return rows
    finally:
        _Worker.assessor.close()
        _Worker.assessor, _Worker.fmt, _Worker.lang = saved


def _pool(workers: int, ruleset: RuleSet, fmt: str, lang: str) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker, initargs=(ruleset, fmt, lang))


def _run_pool(todo: list[Job], workers: int, ruleset: RuleSet, fmt: str, lang: str,
              on_done: Callable[[SummaryRow], None] | None) -> list[SummaryRow]:
    from concurrent.futures import as_completed

    rows: list[SummaryRow] = []
    leftover: list[Job] = []
    with _pool(workers, ruleset, fmt, lang) as pool:
        futures: dict[Future[SummaryRow], Job] = {pool.submit(run_job, j): j for j in todo}
        for fut in as_completed(futures):
            try:
                rows.append(fut.result())
            except BrokenProcessPool:
                leftover.append(futures[fut])
                continue
            if on_done:
                on_done(rows[-1])
    # A worker died (a crash in the C engine): retry the unfinished files one at a time, so
    # that only the file that crashes is reported.
    for job in sorted(leftover, key=lambda j: j.rel):
        row = _run_isolated(job, ruleset, fmt, lang)
        rows.append(row)
        if on_done:
            on_done(row)
    return rows


def _run_isolated(job: Job, ruleset: RuleSet, fmt: str, lang: str) -> SummaryRow:
    with _pool(1, ruleset, fmt, lang) as pool:
        try:
            return pool.submit(run_job, job).result()
        except BrokenProcessPool:
            return SummaryRow(file=job.rel, error="EngineError: the worker process crashed "
                              "while assessing this file (run `paris-check assess --debug` on it)")


# --------------------------------------------------------------------------- summaries


_FORMULA_START = ("=", "+", "-", "@")


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection).

    Spreadsheets skip leading white space and invisible characters and read full-width signs as
    their ASCII forms, so the test looks at the first visible character after NFKC folding.
    """
    if not isinstance(value, str):
        return value
    visible = unicodedata.normalize("NFKC", value).lstrip()
    while visible and unicodedata.category(visible[0]) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        visible = visible[1:].lstrip()
    if value[:1] in ("\t", "\r", "\n") or visible[:1] in _FORMULA_START:
        return "'" + value
    return value


def summary_csv(summary: BatchSummary) -> str:
    """The roll-up as CSV: one row per file, a column per area score and per severity."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    head = ["file", "institution", "country", "status", "confidence",
            *(f"score_{a}" for a in summary.areas), *(f"gaps_{s}" for s in SEVERITIES),
            "unknown", "output", "error"]
    writer.writerow(head)
    for r in summary.rows:
        scores = [r.scores.get(a) for a in summary.areas]
        gaps = [r.gaps.get(s) if r.error is None else None for s in SEVERITIES]
        cells = [r.file, r.institution, r.country, r.status, r.confidence, *scores, *gaps,
                 r.unknown, r.output, r.error]
        writer.writerow(["" if c is None else _safe_cell(c) for c in cells])
    return buf.getvalue()


def summary_dict(summary: BatchSummary) -> dict[str, Any]:
    """The roll-up as plain data."""
    return json.loads(summary.to_json())
