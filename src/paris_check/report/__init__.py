"""The gap report: JSON, Markdown, HTML and PDF, in every language with a locale folder.

HTML and PDF come from the same Jinja2 template (autoescaped: questionnaire text never becomes
markup); the PDF is drawn by WeasyPrint with the bundled DejaVu fonts, tagged (PDF/UA-1), and a
URL fetcher that reads nothing outside this package.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup, escape

from .. import i18n
from ..mdtext import md_escape
from .context import ReportTranslator, build_context
from .fetcher import REPORT_DIR, PackageOnlyFetcher

if TYPE_CHECKING:
    from ..compare import Diff
    from ..questionnaire.model import Questionnaire
    from ..results import Assessment

FORMATS = ("json", "markdown", "html", "pdf", "docx")
TEMPLATES = REPORT_DIR / "templates"


def available_languages() -> tuple[str, ...]:
    """Report languages: English plus every folder under ``paris_check/locale``."""
    return i18n.available_languages()


def _css_string(text: str) -> Markup:
    """A CSS string literal (for ``content:``) that cannot close the style element."""
    out = []
    for ch in str(text):
        if ch in '"\\<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def _md(text: Any) -> str:
    """Text safe inside a Markdown table cell or paragraph: no markup, no raw HTML."""
    return md_escape(text)


def _nbsp(text: Any) -> str:
    """Spaces made no-break: a citation ("GO 1.8") never splits across lines."""
    return str(text).replace(" ", "\u00a0")


def _first_strong(text: str) -> str | None:
    """``ltr`` or ``rtl``: the direction of the first strong character (Unicode bidi rule P2)."""
    import unicodedata

    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def _isolate(text: Any) -> Markup:
    """Text the institution wrote (names, notes, evidence), bidi-isolated in its own direction:
    an English note in an Arabic report keeps its full stop at its end. The direction is
    explicit because WeasyPrint implements neither ``dir="auto"`` nor ``unicode-bidi``."""
    value = str(text)
    direction = _first_strong(value)
    attr = f' dir="{direction}"' if direction else ""
    return Markup(f"<bdi{attr}>") + escape(value) + Markup("</bdi>")


@pass_context
def _pct(ctx: Any, value: float | None) -> str:
    """``78 %``; in right-to-left text isolated left to right (LRI ... PDI), so that the sign
    stays after the number whatever surrounds it."""
    if value is None:
        return "–"
    text = f"{value:.0f} %"
    return f"\u2066{text}\u2069" if ctx.get("dir") == "rtl" else text


@cache
def _environment(markdown: bool, lang: str) -> Environment:
    """The template environment of one output kind speaking ``lang``: its own globals (the
    gettext callables of that language) and its own cache of compiled templates. Overlays of
    one environment would share the globals, so the last language installed would win."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"),
                                     default_for_string=True) if not markdown else False,
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters["css_string"] = _css_string
    env.filters["md"] = _md
    env.filters["pct"] = _pct
    env.filters["nbsp"] = _nbsp
    env.filters["iso"] = _isolate
    tr = ReportTranslator(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        tr.gettext, tr.ngettext, newstyle=True, pgettext=tr.pgettext, npgettext=tr.npgettext)
    return env


def _template(name: str, lang: str) -> Any:
    """The compiled template ``name`` speaking ``lang``, compiled once per process and language
    (templates are immutable; the translator depends on the language alone)."""
    return _environment(name.endswith(".md.j2"), lang).get_template(name)


def render_html(assessment: Assessment, *, lang: str = "en",
                questionnaire: Questionnaire | None = None, for_pdf: bool = False,
                progress: Diff | None = None, annexes: bool = False) -> str:
    """The report as a complete HTML document (deterministic: no dates, no random IDs).

    ``annexes`` adds the method, the answers as given, the references and the glossary.
    """
    tr = ReportTranslator(lang)
    ctx = build_context(assessment, tr, questionnaire, progress)
    css = (REPORT_DIR / "report.css").read_text("utf-8")
    return _template("report.html.j2", lang).render(**ctx, for_pdf=for_pdf, css=css,
                                                  annexes=annexes)


def render_markdown(assessment: Assessment, *, lang: str = "en",
                    questionnaire: Questionnaire | None = None,
                    progress: Diff | None = None, annexes: bool = False) -> str:
    """The report as Markdown (``annexes``: add the method and the references)."""
    tr = ReportTranslator(lang)
    ctx = build_context(assessment, tr, questionnaire, progress)
    return _template("report.md.j2", lang).render(**ctx, annexes=annexes)


@cache
def font_config() -> Any:
    """One FontConfiguration shared by every PDF (fonts are parsed once)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


#: While a PDF is laid out, the cyclic garbage collector runs after this many allocations
#: (Python's default is 700): layout allocates millions of short-lived objects, few in cycles,
#: and each full collection walks every live object. About 7 % of the PDF time; the peak
#: memory grows by 1 to 2 MB.
GC_THRESHOLD = 20_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often inside the block (thresholds restored after it)."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def html_to_pdf(html: str, *, fetcher: PackageOnlyFetcher | None = None) -> bytes:
    """Draw report HTML as a tagged PDF/UA-1 document with embedded fonts."""
    from weasyprint import CSS, HTML

    fetcher = fetcher or PackageOnlyFetcher()
    fonts = font_config()
    base = REPORT_DIR.as_uri() + "/"
    with _fewer_collections():
        stylesheet = CSS(filename=str(REPORT_DIR / "report.css"), base_url=base,
                         url_fetcher=fetcher, font_config=fonts)
        document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1", pdf_tags=True)
        gc.collect()  # the parsed HTML and style tables are no longer needed: lower the peak
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"paris_check-report")
    assert pdf is not None
    return pdf


def render(assessment: Assessment, fmt: str, *, lang: str = "en",
           questionnaire: Questionnaire | None = None,
           fetcher: PackageOnlyFetcher | None = None, progress: Diff | None = None,
           annexes: bool = False) -> bytes:
    """The report in ``fmt`` (one of :data:`FORMATS`) and ``lang``, as bytes.

    ``progress`` (from :func:`paris_check.compare.compare`, earlier run first) adds a section
    "Progress since the previous self-check" after the executive summary. ``annexes`` adds
    the method, the answers as given, the references and the glossary after the body (the
    default report is the body alone). JSON ignores both.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if lang not in available_languages():
        raise ValueError(f"no report language {lang!r}; available: "
                         + ", ".join(available_languages()))
    if fmt == "json":
        return assessment.to_json().encode("utf-8")
    if fmt == "markdown":
        return render_markdown(assessment, lang=lang, questionnaire=questionnaire,
                               progress=progress, annexes=annexes).encode()
    if fmt == "html":
        return render_html(assessment, lang=lang, questionnaire=questionnaire,
                           progress=progress, annexes=annexes).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(assessment, lang=lang, questionnaire=questionnaire, progress=progress,
                           annexes=annexes)
    html = render_html(assessment, lang=lang, questionnaire=questionnaire, for_pdf=True,
                       progress=progress, annexes=annexes)
    return html_to_pdf(html, fetcher=fetcher)


__all__ = ["FORMATS", "available_languages", "html_to_pdf", "render", "render_html",
           "render_markdown"]
