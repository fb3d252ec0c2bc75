"""Translations: the i18n layer, and completeness of every non-English catalogue.

The completeness tests fail when any translatable string (report chrome, questions, rule and
pack texts of the bundled packs) lacks a non-empty, non-fuzzy translation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
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


Entry = tuple[str | None, str | tuple[str, str]]


def _entries(lang: str) -> dict[Entry, tuple[str | tuple[str, ...], bool]]:
    """(msgctxt, normalised msgid) -> (msgstr, fuzzy) over every .po file of ``lang``; a plural
    entry is keyed by its (singular, plural) msgids and holds its tuple of forms."""
    out: dict[Entry, tuple[str | tuple[str, ...], bool]] = {}
    for po in sorted((i18n.locale_dir() / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if isinstance(m.id, tuple):
                    out[(m.context, (norm(m.id[0]), norm(m.id[1])))] = (
                        tuple(str(f or "") for f in m.string), m.fuzzy)
                elif m.id:
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


def _missing(lang: str, messages: list[Entry]) -> list[str]:
    """Messages without a non-fuzzy translation (a plural one: of each of its forms)."""
    entries = _entries(lang)
    count = Catalog(locale=lang).num_plurals
    bad = []
    for ctx, msgid in messages:
        string, fuzzy = entries.get((ctx, msgid), ("", False))
        forms = string if isinstance(msgid, tuple) else (string,)
        if (isinstance(msgid, tuple) and len(forms) != count) or fuzzy or \
                not all(isinstance(f, str) and f.strip() for f in forms):
            bad.append(f"{ctx or ''} | {str(msgid)[:70]}")
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
    from paris_check.assessing import Assessor
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
    from paris_check.assessing import Assessor
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
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        forms = string if isinstance(string, tuple) else (string,)
        want = sorted(PLACEHOLDER.findall(ids[0]))
        if any(sorted(PLACEHOLDER.findall(i)) != want for i in ids) or any(
                f and sorted(PLACEHOLDER.findall(f)) != want for f in forms):
            bad.append(ids[0][:60])
    assert not bad, bad


def _plurals(lang: str) -> dict[Entry, tuple[str | tuple[str, ...], bool]]:
    return {k: v for k, v in _entries(lang).items() if isinstance(k[1], tuple)}


@pytest.mark.parametrize("lang", LANGS)
def test_plural_messages_have_every_form_of_the_language(lang: str) -> None:
    """Each plural entry has Babel's ``num_plurals`` forms for ``lang``, all translated, and
    every ``ngettext`` of the report is such an entry (not two separate msgids)."""
    count = Catalog(locale=lang).num_plurals
    plurals = _plurals(lang)
    extracted = [m for m in report_messages() if isinstance(m[1], tuple)]
    assert len(extracted) >= 10 and set(extracted) <= set(plurals)
    for (_ctx, msgid), (forms, fuzzy) in plurals.items():
        assert not fuzzy, msgid
        assert isinstance(forms, tuple) and len(forms) == count, msgid
        assert all(f.strip() for f in forms), msgid
    singles = {m for (_c, m) in _entries(lang) if isinstance(m, str)}
    assert not {m for _c, pair in plurals for m in pair} & singles  # no leftover old msgids


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header_is_babels(lang: str) -> None:
    want = Catalog(locale=lang).plural_forms
    for po in sorted((i18n.locale_dir() / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh)
        assert cat.mime_headers and dict(cat.mime_headers).get("Plural-Forms") == want, po.name
        assert cat.num_plurals == Catalog(locale=lang).num_plurals, po.name


def test_french_zero_takes_the_singular() -> None:
    tr = Translator("fr")
    forms = [tr.ngettext("%(num)s gap", "%(num)s gaps", n) % {"num": n} for n in (0, 1, 2)]
    assert forms == ["0 écart", "1 écart", "2 écarts"]
    assert tr.ngettext("%(num)s item", "%(num)s items", 0) == \
        tr.ngettext("%(num)s item", "%(num)s items", 1) != \
        tr.ngettext("%(num)s item", "%(num)s items", 2)


def test_arabic_has_six_plural_forms() -> None:
    tr = Translator("ar")

    def gap(n: int) -> str:
        return tr.ngettext("%(num)s gap", "%(num)s gaps", n) % {"num": n}

    assert gap(2) == "2 ثغرتان"  # the dual
    assert gap(3) == "3 ثغرات" and gap(10) == "10 ثغرات"  # 3-10: plural noun
    assert gap(11) != gap(3).replace("3", "11")  # 11-99: singular accusative
    assert gap(11) == "11 ثغرةً" and gap(103) == "103 ثغرات"
    assert gap(100) == "100 ثغرة"  # 100+: singular genitive


def test_untranslated_plural_falls_back_to_english() -> None:
    for lang in ("en", "fr", "ar"):
        tr = Translator(lang)
        assert tr.ngettext("%(num)s zebra", "%(num)s zebras", 1) == "%(num)s zebra"
        assert tr.ngettext("%(num)s zebra", "%(num)s zebras", 0) == "%(num)s zebras"
        assert tr.npgettext("web", "%(num)s zebra", "%(num)s zebras", 2) == "%(num)s zebras"


def test_every_template_string_is_extracted() -> None:
    """A string marked in a template but missing from the extraction would go untranslated."""
    from paris_check.report import TEMPLATES

    found = {m for _c, m in report_messages()}
    for tpl in TEMPLATES.glob("*.j2"):
        for literal in re.findall(r'_\("((?:[^"\\]|\\.)+)"', tpl.read_text("utf-8")):
            assert norm(literal) in found, literal


# --------------------------------------------------------------------------- messages

EXAMPLES = Path(__file__).resolve().parents[1] / "questionnaires" / "examples"
FONTS = Path(i18n.__file__).resolve().parent / "report" / "fonts"


@pytest.mark.parametrize("lang", LANGS)
def test_messages_are_translated(lang: str) -> None:
    """Validation errors, CLI lines, the blank questionnaire and diff (the ``cli`` catalogue)."""
    msgs = i18n.cli_messages()
    assert len(msgs) > 300 and (None, "unknown key %(key)s") in msgs
    missing = _missing(lang, msgs)
    assert not missing, f"{len(missing)} messages untranslated in {lang}:\n" + \
        "\n".join(missing[:40])


def test_message_language_is_scoped_and_english_is_the_msgid() -> None:
    from paris_check.i18n import _, current_language, use_language

    assert current_language() == "en"
    assert _("unknown key %(key)s", key="'x'") == "unknown key 'x'"
    with use_language("fr"):
        assert _("unknown key %(key)s", key="'x'") == "clé inconnue 'x'"
        assert _("no such message, kept as written") == "no such message, kept as written"
    assert current_language() == "en"


def test_an_unknown_language_lists_the_available_ones() -> None:
    from paris_check.errors import InputError
    from paris_check.i18n import check_language, use_language

    with pytest.raises(InputError) as info, use_language("xx"):
        pass
    assert info.value.code == "PC031" and info.value.exit_code == 2
    assert all(lang in str(info.value.hint) for lang in available_languages())
    assert check_language("ar") == "ar"


@pytest.mark.parametrize("lang", LANGS)
def test_validation_errors_speak_the_language(lang: str) -> None:
    """Position, code, field and the values written stay; the words are translated."""
    from paris_check.errors import InputError
    from paris_check.i18n import use_language
    from paris_check.questionnaire.load import load_questionnaire

    bad = ("establishment:\n  legal_basis: decre\n  foo: 1\n"
           "profile:\n  complaints_mandate: n/a\n")

    def errors() -> str:
        with pytest.raises(InputError) as info:
            load_questionnaire(bad, name="bad.yaml")
        return str(info.value)

    english = errors()
    with use_language(lang):
        text = errors()
    assert "is not an allowed answer" in english and "needs a reason" in english
    for kept in ("bad.yaml:2:3: PC012 establishment.legal_basis: 'decre'", "bad.yaml:3:3: PC011",
                 "constitution_and_statute", "PC014 profile.complaints_mandate"):
        assert kept in english and kept in text, kept
    for english_words in ("is not an allowed answer", "unknown key", "allowed here",
                          "needs a reason", "if you do not know"):
        assert english_words not in text, english_words
    assert len(text.splitlines()) == len(english.splitlines())


# --------------------------------------------------------------------------- Arabic


def _weak_assessment() -> tuple[object, object]:
    from paris_check.assessing import Assessor
    from paris_check.questionnaire.load import load_questionnaire

    lq = load_questionnaire(EXAMPLES / "weak-advisory-council.yaml")
    with Assessor(load_bundled()) as assessor:
        return assessor.assess(lq.questionnaire, source_name=lq.name), lq.questionnaire


def test_arabic_font_is_shipped_with_its_licence() -> None:
    for name in ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"):
        assert 50_000 < (FONTS / name).stat().st_size < 1_000_000, name
    assert "SIL Open Font License" in (FONTS / "LICENSE-NotoNaskhArabic").read_text("utf-8")


def test_arabic_html_is_rtl_with_isolated_codes_and_user_text() -> None:
    from paris_check.report import render

    result, questionnaire = _weak_assessment()
    html = render(result, "html", lang="ar", questionnaire=questionnaire).decode()  # type: ignore[arg-type]
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r"<bdi>[A-Z]{2}[0-9]{2}</bdi>", html)  # rule codes
    assert re.search("<bdi>الملاحظة\u00a0العامة\u00a0[0-9.]+", html)  # citations
    assert '<bdi dir="ltr">' in html  # the institution's English text keeps its direction
    assert "\u2066" in html  # percentages isolated left to right


def test_arabic_pdf_embeds_the_naskh_font() -> None:
    from pypdf import PdfReader

    from paris_check.report import render

    result, questionnaire = _weak_assessment()

    def fonts(lang: str) -> dict[str, bool]:
        import io

        pdf = PdfReader(io.BytesIO(render(result, "pdf", lang=lang,  # type: ignore[arg-type]
                                          questionnaire=questionnaire)))  # type: ignore[arg-type]
        out: dict[str, bool] = {}
        for page in pdf.pages:
            for font in (page["/Resources"].get_object().get("/Font") or {}).values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() \
                    if "/DescendantFonts" in font else font
                descriptor = descendant.get("/FontDescriptor")
                embedded = bool(descriptor) and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                out[str(font["/BaseFont"]).split("+")[-1]] = embedded
        return out

    arabic = fonts("ar")
    assert arabic.get("Report-Arabic") is True, arabic
    assert all(arabic.values())
    assert not any(name.startswith("Report-Arabic") for name in fonts("fr"))


# --------------------------------------------------------------------------- leftover English

#: Common English words that are not also French or Spanish words (no "a", "on", "no"...).
STOP_WORDS = frozenset((
    "the", "of", "and", "to", "is", "that", "for", "with", "by", "are", "was", "this", "be",
    "from", "has", "have", "which", "its", "their", "not", "it", "at", "been", "were", "will",
    "would", "should", "must", "can", "does", "do", "there", "these", "those", "what", "when",
    "where", "who", "whether", "than", "into", "any", "only", "also", "but", "our", "your",
    "you", "we", "they", "if", "because", "about", "being"))
#: English sentences found in the body that belong to another part of the code (the findings'
#: explanations), with the language: none at present.
KNOWN_ENGLISH: frozenset[tuple[str, str]] = frozenset()


def english_runs(text: str, window: int = 6, need: int = 4) -> list[str]:
    """Stretches of ``text`` where ``need`` of ``window`` consecutive words are English
    stop-words: an English sentence left untranslated."""
    words = [(m[0].lower(), m.start()) for m in re.finditer(r"[A-Za-z][A-Za-z'’]*", text)]
    found: dict[int, str] = {}
    for i in range(len(words)):
        chunk = words[i:i + window]
        if sum(w in STOP_WORDS for w, _ in chunk) >= need:
            start = chunk[0][1]
            found.setdefault(start, text[start:chunk[-1][1] + len(chunk[-1][0])])
    return list(found.values())


def _user_strings(data: object) -> list[str]:
    """Every text the questionnaire itself holds (names, notes, evidence): not ours to
    translate."""
    if isinstance(data, dict):
        return [s for v in data.values() for s in _user_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _user_strings(v)]
    return [norm(data)] if isinstance(data, str) else []


def _body_text(html: str, user: list[str]) -> str:
    import html as htmllib

    body = html[html.index("<body"):]
    body = re.sub(r"<code\b[^>]*>.*?</code>", " ", body, flags=re.S)
    text = norm(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)))
    text = re.sub(r"https?://\S+", " ", text)
    for s in sorted(user, key=len, reverse=True):
        text = text.replace(s, " ")
    return text


def test_the_english_detector_finds_english() -> None:
    from paris_check.questionnaire.template import render_template
    from paris_check.report import render

    result, questionnaire = _weak_assessment()
    html = render(result, "html", lang="en", questionnaire=questionnaire).decode()  # type: ignore[arg-type]
    assert len(english_runs(_body_text(html, []))) > 50
    assert english_runs(render_template())
    assert not english_runs("Le Sous-Comité examine le texte et la réalité, on a vu.")


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_sentence_is_left_in_the_report(lang: str) -> None:
    from ruamel.yaml import YAML

    from paris_check.report import render

    result, questionnaire = _weak_assessment()
    user = _user_strings(YAML(typ="safe").load(
        (EXAMPLES / "weak-advisory-council.yaml").read_text("utf-8")))
    html = render(result, "html", lang=lang, questionnaire=questionnaire,  # type: ignore[arg-type]
                  annexes=True).decode()
    found = [run for run in english_runs(_body_text(html, user))
             if (lang, run) not in KNOWN_ENGLISH]
    assert not found, f"English left in the {lang} report:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_sentence_is_left_in_the_blank_questionnaire(lang: str) -> None:
    from paris_check.questionnaire.template import render_template

    comments = [line.split("#", 1)[1] for line in render_template(lang=lang).splitlines()
                if line.lstrip().startswith("#")]
    text = re.sub(r"`[^`]*`", " ", " ".join(comments))  # `key: value` examples are keys
    found = english_runs(norm(text))
    assert not found, f"English left in the {lang} questionnaire:\n" + "\n".join(found[:20])
