"""The gap report: content, formats, languages, print features and safety."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape

from paris_check.assessing import Assessor
from paris_check.citations import cite, cite_all, cite_text
from paris_check.questionnaire.load import load_questionnaire
from paris_check.report import FORMATS, available_languages, render
from paris_check.report.context import ReportTranslator
from paris_check.report.fetcher import REPORT_DIR, PackageOnlyFetcher, RefusedURL
from paris_check.results import RESULT_SCHEMA_VERSION, Assessment
from paris_check.vocabulary import ReasonCode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires" / "examples"
MAIN_EXAMPLES = ("strong-commission.yaml", "weak-advisory-council.yaml")
ENVIRONMENT_WARNINGS = ("HarfBuzz-Subset",)  # missing system library, not a document problem

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="attachment" href="file:///etc/hosts">'
HTTP = "http://example.com/x.png"


class _FailOnWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if not any(w in msg for w in ENVIRONMENT_WARNINGS):
            self.records.append(msg)


@pytest.fixture(autouse=True)
def weasyprint_warnings() -> Iterator[_FailOnWarnings]:
    """Any WeasyPrint warning (bad CSS, failed fetch...) fails the test."""
    handler = _FailOnWarnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    assert not handler.records, handler.records


def _assess(assessor: Assessor, source: str | Path | dict, name: str | None = None
            ) -> tuple[Assessment, object]:
    lq = load_questionnaire(source, name=name) if name else load_questionnaire(source)
    a = assessor.assess(lq.questionnaire, source_name=lq.name, source_bytes=lq.raw)
    return a, lq.questionnaire


def _examples() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.yaml")) if EXAMPLES.is_dir() else []


def _pdf_text(data: bytes) -> tuple[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, reader


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


RICH = {
    "schema_version": "1.0",
    "profile": {"name": "Commission des droits humains de Testland", "acronym": "CDHT",
                "country": "Testland", "institution_type": "commission",
                "leadership": "collegial", "complaints_mandate": "no", "npm_designation": "no",
                "crpd_monitoring": "no", "assessment_year": 2026},
    "establishment": {"legal_basis": "decree",
                      "law_specifies": ["mandate", "functions"]},
    "mandate": {"promotion": {"in_law": "yes", "in_practice": "yes"},
                "protection": {"in_law": "yes", "in_practice": "partly",
                               "evidence": [{"provision": "Decree 12/2020, art. 3"}]}},
    "selection": {"vacancies_advertised": {"in_law": "no", "in_practice": "no",
                                           "note": "Members are chosen by the President."}},
    "funding": {"adequate": "unknown"},
}


@pytest.fixture(scope="module")
def rich(assessor: Assessor) -> tuple[Assessment, object]:
    return _assess(assessor, RICH, name="testland.yaml")


def test_formats_and_languages() -> None:
    assert FORMATS == ("json", "markdown", "html", "pdf", "docx")
    langs = available_languages()
    assert langs[0] == "en" and "fr" in langs


def test_json_is_the_assessment(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    data = render(a, "json", lang="fr", questionnaire=q)  # type: ignore[arg-type]
    assert data == a.to_json().encode()
    assert json.loads(data)["institution"]["name"].startswith("Commission")


def test_unknown_format_and_language(rich: tuple[Assessment, object]) -> None:
    a, _ = rich
    with pytest.raises(ValueError, match="format"):
        render(a, "odt")
    with pytest.raises(ValueError, match="language"):
        render(a, "html", lang="xx")


def test_markdown_states_each_gap_once_by_area(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    md = render(a, "markdown", questionnaire=q).decode()  # type: ignore[arg-type]
    gaps = a.gaps()
    assert gaps, "the rich questionnaire must produce gaps"
    for g in gaps:
        assert md.count(f"#### {g.code} ") == 1
        assert md.count(_squash(g.finding or "")[:40]) <= 1
    blocker = next(g for g in gaps if g.severity == "blocker")
    assert f"**{blocker.title}** (Blocker)" in md  # among the most serious, by title
    assert "Indicative only" in md and "## Annex" not in md
    assert "GO-" not in md and "GO 1." in md  # citations, never catalogue IDs
    annexed = render(a, "markdown", questionnaire=q, annexes=True).decode()  # type: ignore[arg-type]
    assert "## Annex 1. Method and scoring" in annexed and "## Annex 3. References" in annexed
    assert annexed.startswith(md[:md.index("## Gaps by area")])


def _text(html: str) -> str:
    """The visible text of an HTML report's body."""
    import html as htmllib

    body = html[html.index("<body"):]
    return re.sub(r"[ \t\r\n]+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", body)))


BODY_HEADINGS = ("Executive summary", "Gaps by area, most serious first",
                 "Requirements met and not applicable", "What the SCA will ask for")
ANNEX_HEADINGS = ("Annex 1. Method and scoring", "Annex 2. The answers as given",
                  "Annex 3. References", "Annex 4. Glossary")


def test_html_content_and_order(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    html = render(a, "html", questionnaire=q).decode()  # type: ignore[arg-type]
    assert '<html lang="en" dir="ltr">' in html
    assert "Commission des droits humains de Testland" in html
    assert "not an accreditation decision" in html
    positions = [html.index(f">{h}<") for h in BODY_HEADINGS]
    assert positions == sorted(positions)
    for heading in ANNEX_HEADINGS:
        assert heading not in html  # annexes are opt-in
    # the fingerprint sits in the provenance block at the very end, not on the cover
    sha = a.provenance.questionnaire_sha256
    assert html.index(sha) > html.index('id="provenance"') > positions[-1]
    assert html.count(sha) == 1
    es01 = next(r for r in a.results if r.code == "ES01")
    assert es01.status == "gap" and 'id="req-ES01"' in html
    for g in a.gaps():  # every gap appears with its finding, once
        assert html.count(str(escape(g.finding))) == 1
    # chart: SVG bars carry no text; labels are HTML, and nothing repeats them
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        assert "<text" not in svg
    assert "Text alternative" not in html
    # the question left "unknown" is on the SCA's checklist, by its text, without its ID
    checklist = html[html.index('id="information"'):html.index('id="provenance"')]
    assert "Funding is enough to carry out the whole mandate" in checklist
    assert "funding.adequate" not in html
    assert "answered “unknown”" in checklist
    # the institution's note is quoted beside its gap
    assert "Members are chosen by the President." in html


def test_annexes_are_opt_in(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    plain = render(a, "html", questionnaire=q).decode()  # type: ignore[arg-type]
    full = render(a, "html", questionnaire=q, annexes=True).decode()  # type: ignore[arg-type]
    for heading in ANNEX_HEADINGS:
        assert heading in full and heading not in plain
    assert full.index("Annex 4. Glossary") < full.index('id="provenance"')  # provenance last
    assert "Decree 12/2020, art. 3" in full[full.index('id="answers"'):]  # answers as given
    # the body is the same with or without the annexes
    body = plain[plain.index('id="summary"'):plain.index('id="information"')]
    assert body in full


def test_cli_annexes_option(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from paris_check.cli import main

    src = tmp_path / "q.yaml"
    src.write_text(yaml.safe_dump(RICH), encoding="utf-8")
    run = CliRunner().invoke
    for args in (["report", str(src), "-o", str(tmp_path / "r.md")],
                 ["assess", str(src), "--format", "markdown", "-o", str(tmp_path / "a.md"),
                  "--exit-zero"]):
        out = Path(args[args.index("-o") + 1])
        assert run(main, args).exit_code == 0
        assert "## Annex" not in out.read_text("utf-8")
        assert run(main, [*args, "--annexes"]).exit_code == 0
        assert "## Annex 3. References" in out.read_text("utf-8")


def test_weak_example_states_each_gap_once_and_no_bare_code(assessor: Assessor) -> None:
    """Done when: no gap twice in the body; no rule code or question ID without its title."""
    from paris_check.questionnaire.catalogue import questions

    a, q = _assess(assessor, _main_example(MAIN_EXAMPLES[1]))
    html = render(a, "html", questionnaire=q).decode()  # type: ignore[arg-type]
    text = _text(html)
    gaps = a.gaps()
    assert len(gaps) > 50
    for g in gaps:
        assert html.count(f'id="req-{g.code}"') == 1
        assert html.count(str(escape(g.finding))) == 1
        assert html.count(str(escape(g.recommendation))) == 1
    titles = {r.code: r.title for r in a.results}
    for m in re.finditer(r"\b([A-Z]{2}\d{2})\b", text):
        assert text[m.end():m.end() + 1 + len(titles[m[1]])] == " " + titles[m[1]], \
            text[m.start() - 40:m.end() + 60]
    for qid in questions():
        assert qid not in text
    # the undecided requirements are reached through the questions that decide them
    unknown = [r.code for r in a.results if r.status == "unknown"]
    checklist = html[html.index('id="information"'):html.index('id="provenance"')]
    assert unknown and all(f"<b>{c}</b> {escape(titles[c])}" in checklist for c in unknown)


def test_html_is_deterministic(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    assert render(a, "html", questionnaire=q) == render(a, "html", questionnaire=q)  # type: ignore[arg-type]


def test_french_html(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    html = render(a, "html", lang="fr", questionnaire=q).decode()  # type: ignore[arg-type]
    assert '<html lang="fr" dir="ltr">' in html
    assert "Résumé" in html and "Executive summary" not in html
    assert "Statut indicatif" in html
    assert "en droit" in html  # answers are localised too
    text = _text(html)
    assert "OG 1." in text and "GO 1." not in text  # French citations
    assert "\u00a0: " in text and not re.search(r"\w [:;]", text)  # no-break space before : and ;
    assert "Rule packs" not in text and "SHA-256 of" not in text  # no English chrome


INJECTION = {
    "schema_version": "1.0",
    "profile": {"name": f"Evil {IMG} Commission", "country": f"Nowhere {LINK}",
                "institution_type": "commission", "complaints_mandate": "no",
                "assessment_year": 2026},
    "establishment": {"legal_basis": {"value": "decree", "note": f"see {LINK}",
                                      "evidence": [{"url": HTTP, "text": IMG}]}},
    "mandate": {"promotion": {"in_law": "yes", "in_practice": "no",
                              "evidence": [HTTP, LINK], "note": IMG}},
}


@pytest.fixture(scope="module")
def injected(assessor: Assessor) -> tuple[Assessment, object]:
    return _assess(assessor, INJECTION, name="evil.yaml")


def test_html_escapes_injected_markup(injected: tuple[Assessment, object]) -> None:
    a, q = injected
    for fmt in ("html",):
        html = render(a, fmt, questionnaire=q).decode()  # type: ignore[arg-type]
        assert "<img" not in html and "<link" not in html
        assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
        assert "&lt;link rel=&#34;attachment&#34;" in html
    md = render(a, "markdown", questionnaire=q).decode()  # type: ignore[arg-type]
    assert not re.search(r"(?<!\\)<(img|link)", md)
    assert "\\<img" in md


def test_pdf_injection_fetches_nothing(injected: tuple[Assessment, object]) -> None:
    from paris_check.report import font_config

    a, q = injected
    font_config.cache_clear()  # fonts are loaded once per process: load them through this fetcher
    fetcher = PackageOnlyFetcher()
    data = render(a, "pdf", questionnaire=q, fetcher=fetcher)  # type: ignore[arg-type]
    assert fetcher.refused == []
    assert fetcher.attempts, "fonts and stylesheet go through the fetcher"
    for url in fetcher.attempts:
        assert url.startswith(REPORT_DIR.as_uri() + "/"), url
        assert "example.com" not in url and "/etc/" not in url
    text, reader = _pdf_text(data)
    flat = _squash(text)
    assert _squash(IMG) in flat
    assert _squash('<link rel="attachment"') in flat
    assert "example.com/x.png" in flat
    assert b"/EmbeddedFiles" not in data and b"/EmbeddedFile" not in data
    assert "/Names" not in reader.trailer["/Root"] or \
        "/EmbeddedFiles" not in reader.trailer["/Root"]["/Names"]


def test_fetcher_refuses_outside_urls(tmp_path: Path) -> None:
    fetcher = PackageOnlyFetcher()
    font = REPORT_DIR / "fonts" / "DejaVuSans.ttf"
    assert fetcher.fetch(font.as_uri()).read(4) == font.read_bytes()[:4]
    outside = tmp_path / "x.css"
    outside.write_text("body{}")
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css",
                outside.as_uri(), REPORT_DIR.as_uri() + "/../i18n.py",
                REPORT_DIR.as_uri() + "/__init__.py", "data:text/css,body{}",
                "file://evil.example/" + str(font)):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 8


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_example_renders_to_html(assessor: Assessor, path: Path, lang: str) -> None:
    a, q = _assess(assessor, path)
    html = render(a, "html", lang=lang, questionnaire=q).decode()  # type: ignore[arg-type]
    assert f'lang="{lang}"' in html
    if a.institution.name:
        assert str(escape(a.institution.name)) in html
    for g in a.gaps():
        assert g.code in html


def _main_example(name: str) -> Path:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    return path


@pytest.mark.parametrize(("name", "lang"), [(MAIN_EXAMPLES[0], "en"), (MAIN_EXAMPLES[1], "fr")])
def test_pdf_of_main_examples(assessor: Assessor, name: str, lang: str) -> None:
    a, q = _assess(assessor, _main_example(name))
    fetcher = PackageOnlyFetcher()
    data = render(a, "pdf", lang=lang, questionnaire=q, fetcher=fetcher)  # type: ignore[arg-type]
    assert data.startswith(b"%PDF-")
    assert fetcher.refused == []
    text, reader = _pdf_text(data)
    flat = _squash(text)
    # length targets (issue 11): strong <= 12 pages, weak <= 25 (French within 10 %)
    assert 5 < len(reader.pages) <= (12 if name == MAIN_EXAMPLES[0] else 27)
    assert a.institution.name and _squash(a.institution.name) in flat
    # findings and their citations are in the text, in the report's language
    tr = ReportTranslator(lang)
    for g in a.gaps()[:3]:
        assert g.code in text
        assert _squash(cite_all(g.references, tr)[0].base) in flat
    assert "GO-1." not in text
    # the cover is in the report's language; the fingerprint is on the last page only
    cover = reader.pages[0].extract_text()
    assert ("Country" in cover) == (lang == "en") and "SHA-256" not in cover
    assert a.provenance.questionnaire_sha256[:16] in _squash(reader.pages[-1].extract_text())
    of_word = "of" if lang == "en" else "sur"
    assert re.search(rf"Page\s*2\s*{of_word}\s*{len(reader.pages)}", text)
    # metadata
    meta = reader.metadata
    assert meta is not None and meta.title and a.institution.name in meta.title
    assert meta.author == "paris_check"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    # tagged PDF/UA-1
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp and re.search(rb"pdfuaid:part[^0-9]*1", xmp)
    # bookmarks: the chapters, and under them the areas and each gap
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert len(titles) == 5
    expected = "Executive summary" if lang == "en" else "Résumé"
    assert expected in titles

    def count(outline: list) -> int:
        return sum(count(o) if isinstance(o, list) else 1 for o in outline)

    assert count(reader.outline) >= len(titles) + a.counts.gaps
    # fonts embedded (the bundled DejaVu Sans)
    embedded = set()
    for page in reader.pages[:4]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in [font.get("/FontDescriptor")] + [
                    d.get_object().get("/FontDescriptor")
                    for d in font.get("/DescendantFonts", [])]:
                if desc is not None:
                    desc = desc.get_object()
                    if "/FontFile2" in desc or "/FontFile3" in desc:
                        embedded.add(str(desc["/FontName"]))
    assert embedded and all("Report-Sans" in n for n in embedded), embedded


def test_met_requirements_are_one_line_gaps_keep_detail(rich: tuple[Assessment, object]) -> None:
    a, q = rich
    html = render(a, "html", questionnaire=q).decode()  # type: ignore[arg-type]
    met = [r for r in a.results if r.status == "met"]
    gaps = a.gaps()
    assert met and gaps
    listed = html[html.index('id="checked"'):html.index('id="information"')]
    for r in met:  # one line each, code and title, nothing else
        assert listed.count(f"<b>{r.code}</b> {escape(r.title)}") == 1, r.code
    assert "Because" not in listed and "Evidence" not in listed
    for r in gaps:
        m = re.search(rf'<article class="gap" id="req-{r.code}">(.*?)</article>', html,
                      flags=re.S)
        assert m, r.code
        for part in (r.finding, r.recommendation, "Answers", "Recommendation"):
            assert str(escape(part)) in m[1], (r.code, part)
        if r.aspects:
            assert "gap in " in m[1]
    # the evidence of answers stays in Annex 2, and every reference says who cites it
    html = render(a, "html", questionnaire=q, annexes=True).decode()  # type: ignore[arg-type]
    assert "Decree 12/2020, art. 3" in html
    annex = html[html.index('id="references"'):]
    first = a.results[0]
    for ref in first.references:
        parts = cite(ref).text.rsplit(" ", 1)  # the clause number never splits
        cited = f'{parts[0]} <span class="nw">{parts[1]}</span>' if len(parts) == 2 else parts[0]
        assert re.search(rf">{re.escape(cited)}</td>(?:(?!</tr>).)*Cited by: [^<]*"
                         rf"{first.code} {re.escape(str(escape(first.title)))}", annex,
                         flags=re.S), ref


def _with_recs(data: dict, status: str, action: str | None = None) -> dict:
    import copy

    out = copy.deepcopy(data)
    rec = {"id": "SCA-1", "text": "Advertise vacancies for members.", "status": status}
    if action:
        rec["action"] = action
    out["accreditation"] = {"previous_recommendations": [rec]}
    return out


def _older(data: dict) -> dict:
    """RICH as it might have been answered five years earlier."""
    old = _with_recs(data, "not_implemented")
    old["profile"]["assessment_year"] = 2021
    old["establishment"]["legal_basis"] = "unknown"  # -> ES01 becomes a new gap
    old["mandate"]["promotion"] = {"in_law": "yes", "in_practice": "no"}  # closed since
    old["selection"]["vacancies_advertised"] = {"in_law": "yes", "in_practice": "yes"}
    return old


@pytest.fixture(scope="module")
def progress(assessor: Assessor) -> tuple[Assessment, object, object]:
    from paris_check.compare import diff_assessments

    old_a, old_q = _assess(assessor, _older(RICH), name="2021.yaml")
    new_a, new_q = _assess(assessor, _with_recs(RICH, "partly_implemented", "Bill drafted."),
                           name="2026.yaml")
    return new_a, new_q, diff_assessments(old_a, new_a, old_q, new_q)  # type: ignore[arg-type]


def test_progress_section(progress: tuple[Assessment, object, object]) -> None:
    a, q, d = progress
    closed = [c.code for c in d.gaps_closed]  # type: ignore[attr-defined]
    new = [c.code for c in d.new_gaps]  # type: ignore[attr-defined]
    worse = [c.code for c in d.regressions]  # type: ignore[attr-defined]
    assert closed and new and worse, (closed, new, worse)
    html = render(a, "html", questionnaire=q, progress=d).decode()  # type: ignore[arg-type]
    start = html.index('<section class="chapter" id="progress">')
    section = html[start:html.index("</section>", start)]
    assert html.index('id="summary"') < start < html.index('id="gaps"')
    assert '<a href="#progress">' in html
    assert "Progress since the previous self-check" in section
    for title, codes in (("Gaps closed", closed), ("New gaps", new), ("Regressions", worse)):
        part = section[section.index(f"{title} ({len(codes)})"):]
        part = part[:part.index("</ul>")]
        for code in codes:
            assert f"<strong>{code}</strong>" in part, (title, code)
    assert "2021.yaml" in section and "2026.yaml" in section
    assert "SCA-1" in section and "not implemented" in section
    assert "partly implemented" in section and "Bill drafted." in section
    # without progress there is no such section
    plain = render(a, "html", questionnaire=q).decode()  # type: ignore[arg-type]
    assert 'id="progress"' not in plain and "Progress since" not in plain


def test_progress_in_french_markdown(progress: tuple[Assessment, object, object]) -> None:
    a, q, d = progress
    md = render(a, "markdown", lang="fr", questionnaire=q, progress=d).decode()  # type: ignore[arg-type]
    assert "## Progrès depuis l'auto-évaluation précédente" in md
    assert "Écarts comblés" in md and "Progress since" not in md
    for c in d.regressions:  # type: ignore[attr-defined]
        assert f"**{c.code}**" in md
    assert "partiellement mise en œuvre" in md


def test_cli_report_since(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from paris_check.cli import main

    old, new = tmp_path / "2021.yaml", tmp_path / "2026.yaml"
    old.write_text(yaml.safe_dump(_older(RICH)), encoding="utf-8")
    new.write_text(yaml.safe_dump(_with_recs(RICH, "implemented")), encoding="utf-8")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["report", str(new), "--since", str(old), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text("utf-8")
    assert 'id="progress"' in html and "<strong>ES01</strong>" in html
    res = CliRunner().invoke(main, ["assess", str(new), "--since", str(old), "--format",
                                    "markdown", "--exit-zero"])
    assert res.exit_code == 0, res.output
    assert "## Progress since the previous self-check" in res.output
    assert "**SCA-1**" in res.output
    # a saved JSON result works as the earlier side (recommendations are not in results)
    saved = tmp_path / "2021.json"
    res = CliRunner().invoke(main, ["assess", str(old), "--format", "json", "-o", str(saved)])
    assert saved.exists(), res.output
    res = CliRunner().invoke(main, ["assess", str(new), "--since", str(saved), "--format",
                                    "markdown", "--exit-zero"])
    assert res.exit_code == 0, res.output
    assert "Progress since the previous self-check" in res.output
    assert "**SCA-1**" not in res.output
    # --since makes no sense for plain JSON
    res = CliRunner().invoke(main, ["assess", str(new), "--since", str(old), "--format", "json"])
    assert res.exit_code == 2 and "--since" in res.output


def test_explanations_read_naturally() -> None:
    """Long choice lists, law + practice of one question, and multiple-choice flags, worded
    from the structured records in English and French."""
    from paris_check.conditions import Test
    from paris_check.explain import condition, record, remedies
    from paris_check.i18n import Translator
    from paris_check.wording import Wording

    en, fr = Wording(), Wording(ReportTranslator("fr"))
    model = record(Test("profile.institution_type", "value", "neq", "ombudsman"), {})
    assert (model.aspect, model.operator, model.values, model.answer) == (
        "value", "neq", ["ombudsman"], None)
    text = en.test(model)
    assert " or " not in text and "— one of: " in text and "commission" in text
    assert "ombudsman" not in text.split("— ")[1]
    law = Test("selection.vacancies_advertised", "law", "eq", "no")
    practice = Test("selection.vacancies_advertised", "practice", "eq", "no")
    both = condition((law, practice), {})
    assert en.condition(both).count("— ") == 1
    assert en.condition(both).endswith("— in law: no; in practice: no")
    flags = tuple(Test("international.mechanisms", f"opt.{o}", "eq", "no") for o in ("csw", "hlpf"))
    none_of = condition(flags, {})
    assert [t.operator for t in none_of.all_of] == ["excludes", "excludes"]
    assert en.condition(none_of).endswith("— includes none of: csw, hlpf")
    # negating "does not include" must give "includes" (and vice versa)
    fix = remedies([flags], {})[0]
    assert [t.operator for t in fix.any_of] == ["includes", "includes"]
    assert "— includes csw" in en.remedy(fix)
    out = fr.test(model).replace("\xa0", " ")
    assert "l'une des réponses suivantes : " in out and "conseil consultatif" in out
    out = fr.condition(both).replace("\xa0", " ")
    assert out.endswith("en droit : non ; en pratique : non") and "publicité" in out
    assert Wording(Translator("es")).condition(both) != en.condition(both)


def test_explanations_are_data_in_the_json() -> None:
    """The result JSON holds explanation records and reason codes, never sentences."""
    import json

    import paris_check

    result = paris_check.assess(EXAMPLES / "weak-advisory-council.yaml")
    data = json.loads(result.to_json())
    gap = next(r for r in data["results"] if r["status"] == "gap" and r["explanation"]["to_pass"])
    test = gap["explanation"]["because"][0]["all_of"][0]
    assert set(test) == {"question", "aspect", "operator", "values", "answer"}
    assert gap["explanation"]["kind"] == "gap" and gap["rationale"]
    assert {r["code"] for r in data["status"]["reasons"]} <= {c.value for c in ReasonCode}
    for r in data["results"]:
        assert "reason" not in r and all("answer" not in a for a in r["answers"])
    assert sorted(p["name"] for p in data["packs"]) == sorted(result.provenance.rule_packs)
    assert data["schema_version"] == RESULT_SCHEMA_VERSION and RESULT_SCHEMA_VERSION.startswith("2.")


def test_custom_pack_texts_are_the_ones_the_report_shows(tmp_path: Path) -> None:
    """A ``--rules`` folder's rationale reaches the report, and its pack description the
    result: nothing reloads the bundled packs."""
    import shutil

    import yaml
    from click.testing import CliRunner

    from paris_check.cli import main
    from paris_check.packs import bundled_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    pack = rules / "establishment.yaml"
    data = yaml.safe_load(pack.read_text("utf-8"))
    data["description"] = "Quokka description written only in this custom pack."
    for rule in data["rules"]:
        rule["rationale"] = f"Zebra-striped rationale of {rule['code']}, only in this pack."
    pack.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    q = tmp_path / "q.yaml"
    # the legal basis unanswered: the checklist says why it matters (ES01's rationale)
    q.write_text('schema_version: "1.0"\nmandate: {promotion: {in_law: "yes"}}\n', "utf-8")
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["report", str(q), "--rules", str(rules), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text("utf-8")
    assert "Zebra-striped rationale of ES01" in html  # why the legal basis matters
    result = json.loads(CliRunner().invoke(main, ["assess", str(q), "--rules", str(rules),
                                                  "--format", "json", "--exit-zero"]).output)
    es01 = next(r for r in result["results"] if r["code"] == "ES01")
    assert es01["rationale"].startswith("Zebra-striped")
    assert next(p for p in result["packs"] if p["name"] == "establishment")["description"] \
        .startswith("Quokka")


@pytest.mark.parametrize(("ref", "lang", "text"), [
    ("GO-1.8-R1", "en", "GO 1.8 R1"), ("GO-1.8-R1", "fr", "OG 1.8 R1"),
    ("GO-1.8-R1", "es", "OG 1.8 R1"), ("GO-1.8", "ar", "الملاحظة العامة 1.8"),
    ("PP-A3(a)", "en", "Paris Principles A.3(a)"), ("PP-D0", "fr", "Principes de Paris D"),
    ("PP-C(f)", "es", "Principios de París C(f)"), ("VP-12", "en", "Venice Principles 12"),
    ("BP-I.1", "fr", "Principes de Belgrade I.1"), ("GA76-SDG", "en", "A/RES/76/170"),
    ("ACC-PN1", "fr", "Note de pratique 1"), ("XX-9", "en", "XX-9"),
])
def test_one_citation_style_per_language(ref: str, lang: str, text: str) -> None:
    assert cite(ref, ReportTranslator(lang) if lang != "en" else None).text == text


def test_citations_group_a_clause_with_its_requirements() -> None:
    refs = ["GO-1.7-R3", "GO-1.7-R2", "GO-1.7", "PP-B1"]
    assert [c.text for c in cite_all(refs)] == ["GO 1.7 R2, R3", "Paris Principles B.1"]
    assert cite_text(refs, ReportTranslator("fr")) == "OG 1.7 R2, R3\u00a0; Principes de Paris B.1"
    assert cite_text(["GO-2.9", "GO-2.9-R1"]) == "GO 2.9 R1"  # the clause once


def test_every_bundled_reference_has_a_citation() -> None:
    from paris_check.standards import standards

    for ref in standards():
        assert cite(ref).text != ref, ref
        assert "-" not in cite(ref).base or ref.startswith("ACC"), ref


def test_terminal_summary_uses_the_citations(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from paris_check.cli import main

    src = tmp_path / "q.yaml"
    src.write_text(yaml.safe_dump(RICH), encoding="utf-8")
    res = CliRunner().invoke(main, ["assess", str(src), "--exit-zero"])
    assert res.exit_code == 0, res.output
    assert "GO 1.1" in res.output and "GO-1." not in res.output


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("en", 1, "1 gap"), ("en", 0, "0 gaps"), ("en", 2, "2 gaps"),
    ("fr", 0, "0 écart"), ("fr", 1, "1 écart"), ("fr", 2, "2 écarts"),
    ("es", 1, "1 deficiencia"), ("es", 3, "3 deficiencias"),
])
def test_counts_agree_in_number(lang: str, n: int, text: str) -> None:
    from paris_check.report.context import ngettext

    assert ngettext(ReportTranslator(lang), "%(num)s gap", "%(num)s gaps", n) == text


def test_french_typography_binds_punctuation() -> None:
    from paris_check.report.context import french_typography

    assert french_typography("Note : voir « ceci » ; oui ?") == \
        "Note\u00a0: voir «\u00a0ceci\u00a0»\u00a0; oui\u00a0?"
    assert french_typography("https://example.org a:b") == "https://example.org a:b"
    tr = ReportTranslator("fr")
    assert "\u00a0:" in tr.gettext("Past their review date: %(num)s.")


def test_checklist_is_one_entry_per_question(assessor: Assessor) -> None:
    from paris_check.i18n import Translator
    from paris_check.report.context import build_context

    path = sorted((ROOT / "questionnaires" / "sca-decisions").glob("*.yaml"))[0]
    a, q = _assess(assessor, path)
    ctx = build_context(a, Translator("en"), q)  # type: ignore[arg-type]
    items = [i for grp in ctx["checklist"]["groups"] for i in grp["items"]]
    qids = [i["qid"] for i in items]
    assert qids and len(qids) == len(set(qids))
    decided = {v.r.code for i in items for v in i["rules"]} | {
        v.r.code for v in ctx["checklist"]["other"]}
    assert decided == {r.code for r in a.results if r.status == "unknown"}
    for i in items:  # the most serious requirement a question decides gives its severity
        assert i["severity"] == i["rules"][0].r.severity
    assert len(ctx["next_questions"]) == min(5, len(items))


def test_languages_do_not_leak_between_renders(rich: tuple[Assessment, object]) -> None:
    """Compiled templates are kept per language: rendering French between two English
    reports leaves the English one English (and the reverse), in HTML and Markdown."""
    a, q = rich
    for fmt, english in (("html", "Executive summary"), ("markdown", "Executive summary")):
        first = render(a, fmt, lang="en", questionnaire=q)  # type: ignore[arg-type]
        french = render(a, fmt, lang="fr", questionnaire=q)  # type: ignore[arg-type]
        again = render(a, fmt, lang="en", questionnaire=q)  # type: ignore[arg-type]
        assert first == again and english.encode() in again and english.encode() not in french
        assert render(a, fmt, lang="fr", questionnaire=q) == french  # type: ignore[arg-type]
