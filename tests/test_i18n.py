"""Translations: the i18n layer, and completeness of every non-English catalogue.

The completeness tests fail when any translatable string (report chrome, questions, rule and
pack texts of the bundled packs) lacks a non-empty, non-fuzzy translation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from paris_check import i18n
from paris_check.i18n import Translator, available_languages, norm, text_direction
from paris_check.packs import load_bundled
from paris_check.report.messages import (
    question_messages,
    report_messages,
    standards_messages,
)

LANGS = [lang for lang in available_languages() if lang != "en"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")


def _entries(lang: str) -> dict[tuple[str | None, str], tuple[str, bool]]:
    """(msgctxt, normalised msgid) -> (msgstr, fuzzy) over every .po file of ``lang``."""
    out: dict[tuple[str | None, str], tuple[str, bool]] = {}
    for po in sorted((i18n.locale_dir() / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if m.id:
                    out[(m.context, norm(str(m.id)))] = (str(m.string or ""), m.fuzzy)
    return out


def _rule_messages() -> list[tuple[str, str]]:
    out = []
    for pack in load_bundled().packs:
        out.append((f"pack:{pack.name}.title", norm(pack.spec.title)))
        out.append((f"pack:{pack.name}.description", norm(pack.spec.description)))
        for rule in pack.rules:
            for field in ("title", "finding", "recommendation", "rationale"):
                out.append((f"{rule.code}.{field}", norm(getattr(rule.spec, field))))
    return out


def _missing(lang: str, messages: list[tuple[str | None, str]]) -> list[str]:
    entries = _entries(lang)
    bad = []
    for ctx, msgid in messages:
        string, fuzzy = entries.get((ctx, msgid), ("", False))
        if not string.strip() or fuzzy:
            bad.append(f"{ctx or ''} | {msgid[:70]}")
    return bad


def test_norm() -> None:
    assert norm("  a\n  b\t c ") == "a b c"


def test_languages_and_direction() -> None:
    assert available_languages()[0] == "en" and "fr" in available_languages()
    assert text_direction("ar") == "rtl" and text_direction("he") == "rtl"
    assert text_direction("fa-IR") == "rtl" and text_direction("fr") == "ltr"


def test_english_is_the_source() -> None:
    tr = Translator("en")
    assert tr.gettext("Executive summary") == "Executive summary"
    assert tr.rule("ES01", "title", "Established  by\nstatute") == "Established by statute"
    assert tr.question("mandate.promotion", "label", "X") == "X"
    assert tr.dir == "ltr"


def test_french_lookup() -> None:
    tr = Translator("fr")
    assert tr.gettext("Executive summary") == "Résumé"
    assert tr.pgettext("section:profile.title", "nothing like this") == "nothing like this"
    q = "mandate.promotion"
    assert tr.question(q, "label", "Mandate to promote human rights") != \
        "Mandate to promote human rights"
    assert tr.choice("yes") == "oui"


def test_new_language_is_data_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "report.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Executive summary"\nmsgstr "الملخص التنفيذي"\n\n'
        '#, fuzzy\nmsgid "Contents"\nmsgstr "المحتويات"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert available_languages() == ("en", "ar")
        tr = Translator("ar")
        assert tr.dir == "rtl"
        assert tr.gettext("Executive summary") == "الملخص التنفيذي"
        assert tr.gettext("Contents") == "Contents"  # fuzzy entries are not used
    finally:
        i18n.catalogue.cache_clear()


def test_rtl_report_sets_direction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from paris_check.assess import Assessor
    from paris_check.questionnaire.load import load_questionnaire
    from paris_check.report import render

    (tmp_path / "he" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    i18n.catalogue.cache_clear()
    try:
        lq = load_questionnaire({"schema_version": "1.0"}, name="empty.yaml")
        with Assessor(load_bundled()) as assessor:
            a = assessor.assess(lq.questionnaire, source_name=lq.name)
        html = render(a, "html", lang="he").decode()
        assert '<html lang="he" dir="rtl">' in html
    finally:
        i18n.catalogue.cache_clear()


@pytest.mark.parametrize("lang", LANGS)
def test_report_chrome_is_translated(lang: str) -> None:
    msgs = report_messages()
    assert len(msgs) > 100
    assert ("Executive summary" in {m for _c, m in msgs})
    missing = _missing(lang, msgs)
    assert not missing, f"{len(missing)} report strings untranslated in {lang}:\n" + \
        "\n".join(missing[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_questions_are_translated(lang: str) -> None:
    msgs = question_messages()
    missing = _missing(lang, msgs)
    assert not missing, f"{len(missing)} question strings untranslated in {lang}:\n" + \
        "\n".join(missing[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_rules_and_packs_are_translated(lang: str) -> None:
    missing = _missing(lang, _rule_messages())  # type: ignore[arg-type]
    assert not missing, f"{len(missing)} rule/pack strings untranslated in {lang}:\n" + \
        "\n".join(missing[:60])


@pytest.mark.parametrize("lang", LANGS)
def test_standards_are_translated(lang: str) -> None:
    """Every title, summary and note the references annex can show, and every instrument."""
    from paris_check.standards import instruments, standards

    msgs = standards_messages()
    contexts = {c for c, _m in msgs}
    for std in standards().values():
        assert f"std:{std.id}.title" in contexts and f"std:{std.id}.summary" in contexts
        assert (f"std:{std.id}.note" in contexts) == bool(std.note)
    assert {f"instrument:{code}.title" for code in instruments()} <= contexts
    missing = _missing(lang, msgs)
    assert not missing, f"{len(missing)} standards strings untranslated in {lang}:\n" + \
        "\n".join(missing[:40])
    tr = Translator(lang)
    cited = {ref for pack in load_bundled().packs for rule in pack.rules
             for ref in rule.spec.references}
    for ref in cited:
        std = standards()[ref]
        assert tr.standard(ref, "title", std.title) != norm(std.title), ref


def test_french_references_annex() -> None:
    from paris_check.assess import Assessor
    from paris_check.questionnaire.load import load_questionnaire
    from paris_check.report import render

    lq = load_questionnaire({"schema_version": "1.0"}, name="empty.yaml")
    with Assessor(load_bundled()) as assessor:
        a = assessor.assess(lq.questionnaire, source_name=lq.name)
    html = render(a, "html", lang="fr", annexes=True).decode()
    annex = html[html.index('id="references"'):html.index('id="glossary"')]
    assert "Mandat de promotion et de protection des droits de l&#39;homme" in annex
    assert "Principes de Paris (résolution 48/134" in annex
    assert "Mandate to promote and protect human rights" not in annex


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_survive_translation(lang: str) -> None:
    bad = []
    for (_ctx, msgid), (string, _fuzzy) in _entries(lang).items():
        if string and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(string)):
            bad.append(msgid[:60])
    assert not bad, bad


def test_every_template_string_is_extracted() -> None:
    """A string marked in a template but missing from the extraction would go untranslated."""
    from paris_check.report import TEMPLATES

    found = {m for _c, m in report_messages()}
    for tpl in TEMPLATES.glob("*.j2"):
        for literal in re.findall(r'_\("((?:[^"\\]|\\.)+)"', tpl.read_text("utf-8")):
            assert norm(literal) in found, literal
