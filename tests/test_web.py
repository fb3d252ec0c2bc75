"""`paris-check serve`: the form, the YAML edits, saving and merging, the findings, security.

The application is driven in-process with Starlette's TestClient: no network at all. A small
HTML parser submits a page's form as a browser would (only the controls a browser sends).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import socket
import stat
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

pytest.importorskip("starlette")

from babel.messages.pofile import read_po
from click.testing import CliRunner
from starlette.testclient import TestClient

from paris_check.cli import main
from paris_check.i18n import available_languages, locale_dir, norm
from paris_check.questionnaire.catalogue import sections
from paris_check.questionnaire.load import load_questionnaire
from paris_check.web import _listen
from paris_check.web import form as webform
from paris_check.web.app import create_app
from paris_check.web.messages import CONTEXT, web_messages
from paris_check.web.store import NO_FILE, QuestionnaireFile
from paris_check.web.yamledit import apply_changes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "questionnaires" / "examples"
STRONG = EXAMPLES / "strong-commission.yaml"
WEAK = EXAMPLES / "weak-advisory-council.yaml"
TEMPLATE = ROOT / "questionnaires" / "template.yaml"
PORT = 8642
BASE_URL = f"http://127.0.0.1:{PORT}"
TOKEN, CSRF = "test-token", "test-csrf"
TOP = ["schema_version", *(s.id for s in sections()), "justifications"]
ORDER = {s.id: [q.name for q in s.questions if q.kind != "derived"] for s in sections()}


# --- helpers ---------------------------------------------------------------------------------

class _Form(HTMLParser):
    """The fields a browser would submit from ``<form id="qform">``, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "qform":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and "name" in a:
            self._select = (a["name"], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and "name" in a:
            self._textarea = (a["name"], [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [v for v, sel in options if sel] or [options[0][0]]
            self.fields.append((name, chosen[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = _Form()
    parser.feed(html)
    return parser.fields


def only(fields: list[tuple[str, str]], qid: str) -> list[tuple[str, str]]:
    """The fields the page's script sends for one question."""
    return [(k, v) for k, v in fields if k in ("csrf", "base") or k.startswith(qid + ":")]


def replace(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, value if k == name else v) for k, v in fields]


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[Any]:
    def make(source: Path = STRONG, name: str | None = None) -> Path:
        target = tmp_path / (name or source.name)
        shutil.copyfile(source, target)
        return target
    yield make


def client_for(path: Path, **kwargs: Any) -> TestClient:
    app = create_app(path, port=PORT, token=TOKEN, csrf=CSRF, **kwargs)
    client = TestClient(app, base_url=BASE_URL)
    client.cookies.set(f"paris_check_{PORT}", TOKEN)
    return client


def page(client: TestClient, section: str, **params: str) -> str:
    response = client.get(f"/s/{section}", params=params)
    assert response.status_code == 200, response.text[:500]
    return response.text


def post(client: TestClient, section: str, fields: list[tuple[str, str]], *,
         headers: dict[str, str] | None = None, follow: bool = True, **params: str) -> Any:
    """Send ``fields`` as the browser sends a form (several values per name allowed)."""
    return client.post(f"/s/{section}", content=urlencode(fields), params=params,
                       headers={"Content-Type": "application/x-www-form-urlencoded",
                                **(headers or {})}, follow_redirects=follow)


def save_json(client: TestClient, section: str, fields: list[tuple[str, str]],
              **params: str) -> Any:
    """Save as the page's script does (it asks for JSON)."""
    return post(client, section, fields, headers={"Accept": "application/json"}, **params)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                  n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --- editing the YAML text -------------------------------------------------------------------

def _set_in_law(value: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    def change(old: Any) -> Any:
        node = old if isinstance(old, CommentedMap) else CommentedMap()
        node["in_law"] = value
        return node
    return change


@pytest.mark.parametrize("source", [STRONG, WEAK, TEMPLATE,
                                    *sorted((ROOT / "questionnaires" / "sca-decisions")
                                            .glob("*.yaml"))[:6]],
                         ids=lambda p: p.name)
def test_an_edit_changes_only_its_question(source: Path) -> None:
    before = source.read_text("utf-8")
    for qid in ("selection.vacancies_advertised", "mandate.private_actors", "funding.adequate"):
        section, name = qid.split(".")
        after = apply_changes(before, {(section, name): _set_in_law("partly")},
                              top_order=TOP, section_order=ORDER)
        loaded = load_questionnaire(after, name=source.name)
        assert getattr(getattr(loaded.questionnaire, section), name).in_law == "partly"
        removed = [line for line in changed_lines(before, after) if line.startswith("-")]
        # Only lines of this question (the key, its old answer and evidence) may go.
        assert len(removed) <= 12, removed
        assert all(not line.startswith("-#") for line in removed), removed


def test_untouched_text_stays_byte_for_byte() -> None:
    """The example's multi-line flow list (which a full ruamel dump would reflow) survives."""
    before = STRONG.read_text("utf-8")
    assert "    value: [mandate, functions, powers, funding_source, accountability, appointment" \
           "_procedure,\n            term_of_office, composition]\n" in before
    after = apply_changes(before, {("tenure", "term_years"): lambda old: 7},
                          top_order=TOP, section_order=ORDER)
    assert changed_lines(before, after) == ["-  term_years: 6\n", "+  term_years: 7\n"]


def test_comments_and_quotes_survive() -> None:
    before = ("profile:\n"
              "  review_type: re_accreditation  # said the SCA\n"
              "  # the next question\n"
              "  current_status: A\n"
              "mandate:\n"
              "  promotion: {in_law: yes}   # both mandates\n"
              "  protection:\n"
              "    in_law: \"yes\"  # s. 4\n"
              "    in_practice: no\n")
    after = apply_changes(before, {("profile", "review_type"): lambda old: "initial",
                                   ("mandate", "protection"): _set_in_law("partly"),
                                   ("mandate", "promotion"): _set_in_law("no")},
                          top_order=TOP, section_order=ORDER)
    assert after == ("profile:\n"
                     "  review_type: initial           # said the SCA\n"
                     "  # the next question\n"
                     "  current_status: A\n"
                     "mandate:\n"
                     "  promotion: {in_law: no}    # both mandates\n"
                     "  protection:\n"
                     "    in_law: \"partly\" # s. 4\n"
                     "    in_practice: no\n")


def test_new_questions_and_sections_go_where_the_questionnaire_puts_them() -> None:
    before = '# header\nschema_version: "1.0"\n\nmandate:\n  protection: {in_law: yes}\n'
    after = apply_changes(before, {
        ("tenure", "term_years"): lambda old: 5,
        ("profile", "name"): lambda old: "Commission: national",
        ("mandate", "promotion"): _set_in_law("yes"),
        ("mandate", "private_actors"): _set_in_law("no"),
    }, top_order=TOP, section_order=ORDER)
    assert after == ('# header\nschema_version: "1.0"\n\n'
                     "profile:\n  name: 'Commission: national'\n\n"
                     "mandate:\n  promotion:\n    in_law: yes\n  protection: {in_law: yes}\n"
                     "  private_actors:\n    in_law: no\n\n"
                     "tenure:\n  term_years: 5\n")
    assert load_questionnaire(after, name="x.yaml").questionnaire.profile.name.value \
        == "Commission: national"


def test_empty_and_inline_sections_and_windows_line_endings() -> None:
    before = "profile:\r\nmandate: {promotion: {in_law: yes}}\r\n"
    after = apply_changes(before, {("profile", "acronym"): lambda old: "NC",
                                   ("mandate", "protection"): _set_in_law("no")},
                          top_order=TOP, section_order=ORDER)
    assert "\n" not in after.replace("\r\n", "")
    q = load_questionnaire(after, name="x.yaml").questionnaire
    assert q.profile.acronym.value == "NC" and q.mandate.protection.in_law == "no"
    assert q.mandate.promotion.in_law == "yes"
    assert apply_changes("", {("tenure", "term_years"): lambda old: 4},
                         top_order=TOP, section_order=ORDER) == "tenure:\n  term_years: 4\n"


# --- the form: generated from the model, symmetric with the file ------------------------------

def test_every_question_of_the_model_is_in_the_form(copy: Any) -> None:
    client = client_for(copy())
    for s in sections():
        html = page(client, s.id)
        for q in s.questions:
            assert f'id="{webform.anchor(q.id)}"' in html, q.id
            if q.kind != "derived":
                assert f'name="{q.id}:present"' in html, q.id
        for other in sections():
            assert f'href="/s/{other.id}"' in html  # the navigation lists every section


@pytest.mark.parametrize("source", [STRONG, WEAK, TEMPLATE], ids=lambda p: p.name)
def test_a_form_sent_back_unchanged_changes_nothing(copy: Any, source: Path) -> None:
    """What the form shows for every answer reads back as the same answer: nothing is written."""
    path = copy(source)
    before = path.read_bytes()
    client = client_for(path)
    for s in sections():
        fields = form_fields(page(client, s.id))
        reply = save_json(client, s.id, fields)
        assert reply.status_code == 200 and reply.json()["status"] == "unchanged", s.id
    assert path.read_bytes() == before


def test_a_question_left_alone_stays_unanswered(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    client = client_for(path)
    fields = form_fields(page(client, "selection"))
    reply = post(client, "selection", fields, follow=False)
    assert reply.status_code == 303 and "notice=unchanged" in reply.headers["location"]
    assert not path.exists()
    # one answer: only it is written; "no" is never invented for the others
    fields = replace(fields, "selection.formalised:in_law", "yes")
    assert save_json(client, "selection", only(fields, "selection.formalised")).status_code == 200
    q = load_questionnaire(path).questionnaire
    assert q.selection.formalised.in_law == "yes" and q.selection.formalised.in_practice is None
    assert q.selection.vacancies_advertised is None
    assert "vacancies_advertised" not in path.read_text("utf-8")


def _fields_for(client: TestClient, qid: str) -> list[tuple[str, str]]:
    return only(form_fields(page(client, qid.split(".")[0])), qid)


def test_each_kind_of_answer_is_written_as_the_questionnaire_expects(tmp_path: Path) -> None:
    path = tmp_path / "kinds.yaml"
    client = client_for(path)
    cases = {
        "profile.name": [("profile.name:value", "Commission: of Aldoria")],
        "profile.institution_type": [("profile.institution_type:value", "ombudsman")],
        "profile.complaints_mandate": [("profile.complaints_mandate:value", "unknown")],
        "tenure.term_years": [("tenure.term_years:value", "5")],
        "composition.women_share": [("composition.women_share:value", "42,5")],
        "composition.pluralism_models": [("composition.pluralism_models:value", "staff"),
                                         ("composition.pluralism_models:value", "members")],
        "international.mechanisms": [("international.mechanisms:none", "1")],
        "selection.uniform_process": [("selection.uniform_process:na", "1"),
                                      ("selection.uniform_process:na_reason",
                                       "a single body appoints all members")],
        "mandate.promotion": [("mandate.promotion:in_law", "yes"),
                              ("mandate.promotion:in_practice", "partly"),
                              ("mandate.promotion:ev-kind", "provision"),
                              ("mandate.promotion:ev-text", "Act 4/2009, s. 12"),
                              ("mandate.promotion:ev-kind", "url"),
                              ("mandate.promotion:ev-text", "https://example.org/act"),
                              ("mandate.promotion:note", "Two lines:\r\nsecond")],
    }
    for qid, values in cases.items():
        fields = [(k, v) for k, v in _fields_for(client, qid)
                  if k in ("csrf", "base", f"{qid}:present")] + values
        reply = save_json(client, qid.split(".")[0], fields)
        assert reply.status_code == 200 and reply.json()["status"] == "saved", (qid, reply.json())
    q = load_questionnaire(path).questionnaire
    assert q.profile.name.value == "Commission: of Aldoria"
    assert q.profile.institution_type.value == "ombudsman"
    assert q.profile.complaints_mandate.state == "unknown"
    assert q.tenure.term_years.value == 5 and q.composition.women_share.value == 42.5
    assert q.composition.pluralism_models.value == ["members", "staff"]
    assert q.international.mechanisms.value == []
    assert q.selection.uniform_process.not_applicable == "a single body appoints all members"
    promotion = q.mandate.promotion
    assert (promotion.in_law, promotion.in_practice) == ("yes", "partly")
    assert [e.label() for e in promotion.evidence] == ["Act 4/2009, s. 12",
                                                       "https://example.org/act"]
    assert promotion.note == "Two lines:\nsecond\n"
    # The file reads like one written by hand.
    text = path.read_text("utf-8")
    assert "  complaints_mandate: unknown\n" in text and "  term_years: 5\n" in text
    assert "  pluralism_models: [members, staff]\n" in text


def test_previous_recommendations_are_entries_with_their_own_fields(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    qid = "accreditation.previous_recommendations"
    fields = _fields_for(client, qid)
    rows = int(dict(fields)[f"{qid}:rows"])
    new = rows - 1  # the last entry is the blank one
    fields = [*replace(replace(fields, f"{qid}:{new}:text", "Publish vacancies"),
                       f"{qid}:{new}:status", "partly_implemented"),
              (f"{qid}:{new}:refs", "GO-1.8")]
    fields = [(k, v) for k, v in fields if k != f"{qid}:{new}:refs" or v]
    reply = save_json(client, "accreditation", fields)
    assert reply.json()["status"] == "saved", reply.json()
    recs = load_questionnaire(path).questionnaire.accreditation.previous_recommendations
    assert len(recs) == rows and recs[-1].text == "Publish vacancies"
    assert recs[-1].status == "partly_implemented" and recs[-1].refs == ["GO-1.8"]
    # removing an entry
    fields = _fields_for(client, qid)
    fields.append((f"{qid}:0:remove", "1"))
    assert save_json(client, "accreditation", fields).json()["status"] == "saved"
    assert len(load_questionnaire(path).questionnaire.accreditation.previous_recommendations) \
        == rows - 1


# --- saving: validation, conflicts, merges, the file on disk ---------------------------------

def test_bad_input_gets_the_located_message_of_validate_and_is_not_saved(copy: Any) -> None:
    path = copy()
    before = path.read_bytes()
    client = client_for(path)
    fields = replace(_fields_for(client, "tenure.term_years"), "tenure.term_years:value", "five")
    reply = save_json(client, "tenure", fields)
    assert reply.status_code == 422
    (line,) = reply.json()["errors"]["tenure.term_years"]
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:3: PC015 tenure\.term_years: 'five' is not "
                        r"a number — write digits only, e.g\. 5", line), line
    assert path.read_bytes() == before
    # without JavaScript: the page again, the message beside the field, the typed value kept
    html = post(client, "tenure", fields).text
    section = html[html.index('id="q-tenure-term-years"'):]
    section = section[:section.index("</section>")]
    assert "is not a number" in section and 'value="five"' in section
    assert 'aria-invalid="true"' in section


def test_not_applicable_needs_its_reason(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    qid = "selection.vacancies_advertised"
    fields = [*_fields_for(client, qid), (f"{qid}:na", "1")]
    reply = save_json(client, "selection", fields)
    (line,) = reply.json()["errors"][qid]
    assert f"PC014 {qid}: not_applicable needs a reason — write {{not_applicable:" in line
    assert "not_applicable" not in path.read_text("utf-8").split("vacancies_advertised:")[1][:300]


def test_the_saved_file_passes_validate(copy: Any) -> None:
    path = copy(WEAK)
    client = client_for(path)
    fields = replace(_fields_for(client, "establishment.legal_basis"),
                     "establishment.legal_basis:value", "statute")
    assert save_json(client, "establishment", fields).json()["status"] == "saved"
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and result.output == f"{path}: ok\n"


def test_an_edit_in_a_text_editor_meanwhile_is_never_overwritten(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = _fields_for(client, "profile.acronym")
    # Someone edits the same answer in a text editor after the page was loaded.
    path.write_text(path.read_text("utf-8").replace("acronym: HRCA", "acronym: HRC-A"), "utf-8")
    reply = save_json(client, "profile", replace(fields, "profile.acronym:value", "XYZ"))
    assert reply.status_code == 409
    body = reply.json()
    assert body["status"] == "conflict" and body["outside"] is True and body["reload"] is False
    assert "acronym: HRC-A" in path.read_text("utf-8")
    assert "XYZ" not in path.read_text("utf-8")


def test_an_edit_of_another_answer_meanwhile_is_merged(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = _fields_for(client, "profile.country")
    path.write_text(path.read_text("utf-8").replace("acronym: HRCA", "acronym: HRC-A"), "utf-8")
    reply = save_json(client, "profile", replace(fields, "profile.country:value", "Aldoria"))
    body = reply.json()
    assert reply.status_code == 200 and body["status"] == "saved" and body["reload"] is True
    assert "notice=merged" in body["location"]
    text = path.read_text("utf-8")
    assert "acronym: HRC-A" in text and "country: Aldoria" in text


def test_a_page_older_than_the_server_remembers_is_refused(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = replace(replace(_fields_for(client, "profile.country"), "base", "0" * 64),
                     "profile.country:value", "Elsewhere")
    assert save_json(client, "profile", fields).json()["status"] == "stale"
    assert "Elsewhere" not in path.read_text("utf-8")


def test_a_file_broken_in_an_editor_is_shown_with_its_errors_and_not_written(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = replace(_fields_for(client, "profile.country"), "profile.country:value", "X")
    broken = path.read_text("utf-8").replace("  acronym: HRCA", "  acronym HRCA:\n   - x")
    path.write_text(broken, "utf-8")
    html = page(client, "profile")
    assert "The file does not pass the check" in html and f"{path}:" in html
    assert "qform" not in html
    reply = save_json(client, "profile", fields)
    assert reply.status_code == 409 and reply.json()["status"] == "broken"
    assert path.read_text("utf-8") == broken


def test_saves_are_atomic_and_follow_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "perm.yaml"
    old = os.umask(0o027)
    try:
        store = QuestionnaireFile(path)
        start = store.snapshot()
        assert start.digest == NO_FILE
        result = store.save(start.digest, {"tenure.term_years": webform.Entry(value="5")})
    finally:
        os.umask(old)
    assert result.status == "saved"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["perm.yaml"]  # no temporary file left


def test_no_javascript_flow_redirects_with_a_notice(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = replace(form_fields(page(client, "tenure")), "tenure.term_years:value", "7")
    reply = post(client, "tenure", fields, follow=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/s/tenure?notice=saved"
    assert "Saved." in client.get(reply.headers["location"]).text
    assert load_questionnaire(path).questionnaire.tenure.term_years.value == 7


# --- live findings ---------------------------------------------------------------------------

def test_findings_follow_the_answers(tmp_path: Path) -> None:
    path = tmp_path / "live.yaml"
    client = client_for(path)
    html = page(client, "establishment")
    assert "Insufficient information" in html
    # Not accredited yet: with a decree for founding text, B likely whatever the refit.
    save_json(client, "profile", replace(_fields_for(client, "profile.current_status"),
                                         "profile.current_status:value", "not_accredited"))
    fields = replace(_fields_for(client, "establishment.legal_basis"),
                     "establishment.legal_basis:value", "decree")
    body = save_json(client, "establishment", fields).json()
    findings = body["findings"]
    assert "B likely" in findings and "Confidence:" in findings
    # The gap links to the question that decides it.
    assert re.search(r'href="/s/establishment#q-establishment-legal-basis"><span class="code"'
                     r' dir="ltr">ES01</span>', findings)
    assert "Establishment and legal basis" in findings  # scores per area
    assert 'aria-label="1 of 4 questions answered"' in body["nav"]  # progress per section
    fields = replace(_fields_for(client, "establishment.legal_basis"),
                     "establishment.legal_basis:value", "statute")
    findings = save_json(client, "establishment", fields).json()["findings"]
    assert "ES01" not in findings


def test_computed_questions_are_shown_not_edited(copy: Any) -> None:
    html = page(client_for(copy(WEAK)), "annual_report")
    section = html[html.index('id="q-annual-report-years-since-latest"'):]
    section = section[:section.index("</section>")]
    assert "Computed from the answers" in section and "<strong>3</strong>" in section
    assert "name=" not in section


# --- reports ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "lang", "start", "media"), [
    ("pdf", "fr", b"%PDF", "application/pdf"),
    ("html", "ar", b"<!DOCTYPE html>", "text/html; charset=utf-8"),
    ("markdown", "es", b"# ", "text/markdown; charset=utf-8"),
    ("json", "en", b"{", "application/json"),
    ("docx", "en", b"PK", "application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "document"),
])
@pytest.mark.slow
def test_reports_download_in_the_chosen_language(copy: Any, fmt: str, lang: str, start: bytes,
                                                 media: str) -> None:
    client = client_for(copy())
    reply = client.get("/report", params={"format": fmt, "lang": lang})
    assert reply.status_code == 200
    assert reply.headers["content-type"] == media
    assert reply.content.lstrip().upper().startswith(start.upper())
    ext = {"markdown": "md"}.get(fmt, fmt)
    assert reply.headers["content-disposition"].startswith(
        f'attachment; filename="strong-commission.{ext}"')
    if fmt == "html":
        assert b'<html lang="ar" dir="rtl">' in reply.content


def test_unknown_report_format_is_refused(copy: Any) -> None:
    assert client_for(copy()).get("/report", params={"format": "exe"}).status_code == 400


# --- languages -------------------------------------------------------------------------------

def test_arabic_page_is_right_to_left_and_translated(copy: Any) -> None:
    html = page(client_for(copy()), "selection", lang="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "الإعلان عن الشواغر" in html or "الشواغر" in html  # a question label
    assert "Live findings" not in html and "Save answers" not in html


@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang != "en"])
def test_the_form_texts_are_translated(lang: str) -> None:
    path = locale_dir() / lang / "LC_MESSAGES" / "web.po"
    with path.open("rb") as fh:
        entries = {(m.context, norm(str(m.id))): (str(m.string or ""), m.fuzzy)
                   for m in read_po(fh) if m.id}
    placeholder = re.compile(r"%\([a-z_]+\)s")
    missing = []
    for ctx, msgid in web_messages():
        string, fuzzy = entries.get((ctx, msgid), ("", False))
        if not string.strip() or fuzzy:
            missing.append(msgid)
        elif sorted(placeholder.findall(string)) != sorted(placeholder.findall(msgid)):
            missing.append(f"{msgid} (placeholders)")
    assert not missing, f"{lang}/web.po: " + "; ".join(missing[:20])
    assert {ctx for ctx, _m in web_messages()} == {CONTEXT}


def test_every_text_of_the_templates_is_extracted() -> None:
    found = {m for _c, m in web_messages()}
    for tpl in (ROOT / "src" / "paris_check" / "web" / "templates").glob("*.j2"):
        for literal in re.findall(r'_\("((?:[^"\\]|\\.)+)"', tpl.read_text("utf-8")):
            assert norm(literal) in found, literal


# --- justifications of known gaps ------------------------------------------------------------

def _justification_fields(client: TestClient, code: str) -> list[tuple[str, str]]:
    return only(form_fields(page(client, "justifications")), f"justifications.{code}")


def test_the_justification_fields_come_from_the_model() -> None:
    from paris_check.questionnaire.model import Justification

    fields = webform.justification_fields()
    assert [f.name for f in fields] == list(Justification.model_fields)
    kinds = {f.name: f.kind for f in fields}
    assert kinds["text"] == "text" and kinds["by"] == "line"
    assert kinds["date"] == kinds["until"] == "date"


def test_every_gap_can_be_justified_and_each_gap_links_to_it(tmp_path: Path) -> None:
    path = tmp_path / "live.yaml"
    client = client_for(path)
    fields = replace(_fields_for(client, "establishment.legal_basis"),
                     "establishment.legal_basis:value", "decree")
    body = save_json(client, "establishment", fields).json()
    assert re.search(r'<a class="justify" href="/s/justifications#q-justifications-ES01">'
                     r'Justify this gap</a>', body["findings"])
    assert "Justifications of known gaps" in body["nav"]
    html = page(client, "justifications")
    from paris_check.api import assess

    gaps = [r.code for r in assess(load_questionnaire(path.read_text("utf-8"))).gaps()]
    assert re.findall(r'<section class="q j" id="q-justifications-([A-Z]{2}\d{2})"', html) == gaps
    names = {name for name, _v in _justification_fields(client, "ES01")}
    assert names == {"csrf", "base", "justifications.ES01:present",
                     *(f"justifications.ES01:{f.name}" for f in webform.justification_fields())}


def test_a_justification_is_added_where_the_file_keeps_them(copy: Any) -> None:
    path = copy(WEAK)
    before = path.read_text("utf-8")
    client = client_for(path)
    fields = replace(_justification_fields(client, "ES01"), "justifications.ES01:text",
                     "A bill giving the council a statute is before parliament.")
    fields = replace(replace(fields, "justifications.ES01:by", "Legal unit"),
                     "justifications.ES01:until", "2026-09-30")
    assert save_json(client, "justifications", fields).json()["status"] == "saved"
    after = path.read_text("utf-8")
    assert after.startswith(before)  # the file had none: a block at the end, nothing else moves
    assert after[len(before):] == ("\njustifications:\n  ES01:\n"
                                   "    text: A bill giving the council a statute is before "
                                   "parliament.\n    by: Legal unit\n    until: 2026-09-30\n")
    assert CliRunner().invoke(main, ["validate", str(path)]).exit_code == 0
    q = load_questionnaire(after, name=str(path)).questionnaire
    assert str(q.justifications["ES01"].until) == "2026-09-30"
    findings = page(client, "establishment")
    assert re.search(r'href="/s/justifications#q-justifications-ES01">Justification recorded',
                     findings)


def test_a_justification_is_edited_and_removed_in_place(copy: Any) -> None:
    path = copy()  # records a justification of CP01
    before = path.read_text("utf-8")
    client = client_for(path)
    fields = replace(_justification_fields(client, "CP01"), "justifications.CP01:by",
                     "Legal unit")
    assert save_json(client, "justifications", fields).json()["status"] == "saved"
    assert changed_lines(before, path.read_text("utf-8")) == [
        '-    by: "Complaints directorate"\n', '+    by: "Legal unit"\n']  # quoting kept
    html = page(client, "justifications")
    section = html[html.index('id="q-justifications-CP01"'):]
    assert 'name="justifications.CP01:remove"' in section[:section.index("</section>")]
    fields = [*_justification_fields(client, "CP01"), ("justifications.CP01:remove", "1")]
    assert save_json(client, "justifications", fields).json()["status"] == "saved"
    after = path.read_text("utf-8")
    assert "CP01" not in after.split("justifications:")[1]
    assert [line for line in changed_lines(before, after) if line.startswith("+")] == []
    assert CliRunner().invoke(main, ["validate", str(path)]).exit_code == 0


def test_removing_a_justification_by_emptying_it(copy: Any) -> None:
    path = copy()
    client = client_for(path)
    fields = [(k, "" if k.startswith("justifications.CP01:") and not k.endswith(":present")
               else v) for k, v in _justification_fields(client, "CP01")]
    assert save_json(client, "justifications", fields).json()["status"] == "saved"
    assert load_questionnaire(path.read_text("utf-8"), name="x").questionnaire.justifications == {}


def test_a_bad_date_gets_the_located_message_beside_the_justification(copy: Any) -> None:
    path = copy()
    before = path.read_bytes()
    client = client_for(path)
    fields = replace(_justification_fields(client, "CP01"), "justifications.CP01:until",
                     "2026-13-31")
    reply = save_json(client, "justifications", fields)
    assert reply.status_code == 422
    (line,) = reply.json()["errors"]["justifications.CP01"]
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:5: PC015 justifications\.CP01\.until: .*"
                        r"month value is outside expected range of 1-12", line), line
    assert path.read_bytes() == before
    html = post(client, "justifications", fields).text  # without JavaScript
    section = html[html.index('id="q-justifications-CP01"'):]
    section = section[:section.index("</section>")]
    assert "PC015" in section and 'value="2026-13-31"' in section
    assert 'aria-invalid="true"' in section


def test_the_blank_questionnaires_example_justification_stays(tmp_path: Path) -> None:
    text = TEMPLATE.read_text("utf-8")
    entry = webform.Entry(items=((("text", "Being acted on."), ("date", ""), ("by", ""),
                                  ("until", "2026-09-30")),))
    out = apply_changes(text, {("justifications", "SE02"): lambda old: webform.justification_node(
        old, webform.Entry(), entry)}, top_order=TOP, section_order=ORDER)
    tail = out.split("\njustifications:\n")[1]
    assert tail.startswith("  SE02:\n    text: Being acted on.\n    until: 2026-09-30\n  # SE02:\n")
    assert changed_lines(text, out) == ["+  SE02:\n", "+    text: Being acted on.\n",
                                        "+    until: 2026-09-30\n"]
    assert load_questionnaire(out, name="x").questionnaire.justifications["SE02"].text == "Being acted on."


def test_a_justification_outliving_its_gap_is_shown_to_remove(copy: Any) -> None:
    path = copy()
    text = path.read_text("utf-8").replace("justifications:\n", "justifications:\n"
                                           "  SE02:\n    text: \"Kept from last year.\"\n", 1)
    path.write_text(text, "utf-8")
    html = page(client_for(path), "justifications")
    section = html[html.index('id="q-justifications-SE02"'):]
    section = section[:section.index("</section>")]
    assert "Now met" in section and 'name="justifications.SE02:remove"' in section


def test_the_page_links_to_the_guide(copy: Any) -> None:
    from paris_check.web.messages import GUIDE_URL

    html = page(client_for(copy()), "selection")
    assert re.search(rf'<a href="{re.escape(GUIDE_URL)}" rel="help noopener noreferrer"', html)
    assert GUIDE_URL.endswith("/web.html")
    assert (ROOT / "docs" / "web.md").is_file()  # the page the address names


# --- security --------------------------------------------------------------------------------

def test_without_the_token_every_request_is_refused(copy: Any) -> None:
    app = create_app(copy(), port=PORT, token=TOKEN, csrf=CSRF)
    client = TestClient(app, base_url=BASE_URL)
    for url in ("/", "/s/profile", "/report?format=json", "/static/app.css", "/api/state"):
        reply = client.get(url)
        assert reply.status_code == 403, url
        assert "token" in reply.text
    assert client.get("/s/profile", params={"token": "wrong"}).status_code == 403
    assert client.get("/s/profile", headers={"X-Paris-Check-Token": TOKEN}).status_code == 200


def test_the_token_in_the_address_becomes_a_cookie(copy: Any) -> None:
    app = create_app(copy(), port=PORT, token=TOKEN, csrf=CSRF)
    client = TestClient(app, base_url=BASE_URL)
    reply = client.get("/s/tenure", params={"token": TOKEN, "lang": "fr"}, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/s/tenure?lang=fr"
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith(f"paris_check_{PORT}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/s/tenure").status_code == 200  # the cookie now carries it


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8642", "127.0.0.2:8642",
                                  "localhost.evil.example", ""])
def test_another_host_header_is_refused(copy: Any, host: str) -> None:
    client = client_for(copy())
    reply = client.get("/s/profile", headers={"Host": host})
    assert reply.status_code in (400, 421), host
    assert "Traceback" not in reply.text


@pytest.mark.parametrize("host", ["localhost:8642", "[::1]:8642", "127.0.0.1"])
def test_local_host_names_are_accepted(copy: Any, host: str) -> None:
    assert client_for(copy()).get("/s/profile", headers={"Host": host}).status_code == 200


def test_every_write_needs_the_csrf_token_and_this_origin(copy: Any) -> None:
    path = copy()
    before = path.read_bytes()
    client = client_for(path)
    fields = replace(_fields_for(client, "profile.country"), "profile.country:value", "Pwned")
    without = [(k, v) for k, v in fields if k != "csrf"]
    assert post(client, "profile", without).status_code == 403
    assert post(client, "profile", replace(fields, "csrf", "guess")).status_code == 403
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}):
        assert post(client, "profile", fields, headers=headers).status_code == 403, headers
    reply = client.post("/s/profile", content=b'{"profile.country:value": "x"}',
                        headers={"Content-Type": "application/json"})
    assert reply.status_code == 400
    assert path.read_bytes() == before
    ok = post(client, "profile", fields, follow=False,
              headers={"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 303


def test_only_the_file_given_is_ever_written(copy: Any, tmp_path: Path) -> None:
    path = copy()
    client = client_for(path)
    fields = [*replace(_fields_for(client, "profile.country"), "profile.country:value", "A"),
              ("path", str(tmp_path / "other.yaml")), ("file", "/etc/passwd")]
    assert post(client, "profile", fields).status_code == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_responses_carry_the_security_headers(copy: Any) -> None:
    reply = client_for(copy()).get("/s/profile")
    csp = reply.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert reply.headers["x-frame-options"] == "DENY"
    assert reply.headers["cache-control"] == "no-store"


def test_static_files_are_the_packages_own(copy: Any) -> None:
    client = client_for(copy())
    assert client.get("/static/app.js").headers["content-type"].startswith(
        ("text/javascript", "application/javascript"))
    assert client.get("/static/fonts/DejaVuSans.ttf").status_code == 200
    for url in ("/static/../app.py", "/static/fonts/../../api.py", "/static/fonts/LICENSE",
                "/static/%2e%2e/app.py", "/static/templates/page.html.j2"):
        assert client.get(url).status_code == 404, url
    html = page(client, "profile")
    # Nothing is loaded from another site; the one link out is the guide in the documentation.
    assert not re.search(r'src="(https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(https?:)?//', html)
    from paris_check.web.messages import GUIDE_URL

    assert re.findall(r'href="((?:https?:)?//[^"]*)"', html) == [GUIDE_URL]
    assert "<script>" not in html and "style=" not in html


def test_an_unexpected_error_is_one_line_not_a_traceback(copy: Any, monkeypatch: Any,
                                                         capsys: Any) -> None:
    client = client_for(copy())

    def boom(self: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(QuestionnaireFile, "snapshot", boom)
    reply = client.get("/s/profile")
    assert reply.status_code == 500
    assert reply.text == "paris-check serve: internal error: RuntimeError: disk on fire\n"
    assert "Traceback" not in capsys.readouterr().err


def test_unknown_pages_are_a_page_not_an_error(copy: Any) -> None:
    client = client_for(copy())
    assert client.get("/s/nowhere").status_code == 404
    assert client.get("/nothing").status_code == 404
    assert client.delete("/s/profile").status_code in (404, 405)


# --- the command -----------------------------------------------------------------------------

def test_serve_prints_the_address_and_listens_on_loopback(monkeypatch: Any) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def run(self: Any, sockets: Any = None) -> None:
        seen["address"] = sockets[0].getsockname()
        seen["app"] = self.config.app

    monkeypatch.setattr(uvicorn.Server, "run", run)
    result = CliRunner().invoke(main, ["serve", str(STRONG), "--no-browser", "--port", "0"])
    assert result.exit_code == 0, result.output
    host, port = seen["address"]
    assert host == "127.0.0.1" and port > 0
    token = seen["app"].settings.token
    assert f"http://127.0.0.1:{port}/?token={token}" in result.output
    assert len(token) >= 32


def test_serve_refuses_what_cannot_be_a_questionnaire(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--no-browser"])
    assert result.exit_code == 2
    assert result.output.startswith(f"{tmp_path}: PC021") and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["serve", str(STRONG), "--lang", "xx", "--no-browser"])
    assert result.exit_code == 2 and "PC031" in result.output


def test_a_busy_port_is_a_located_error() -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(STRONG), "--no-browser", "--port",
                                           str(port)])
        assert result.exit_code == 2
        assert f"PC041 cannot listen on 127.0.0.1 port {port} (in use)" in result.output
    finally:
        busy.close()
    sock = _listen("127.0.0.1", 0)
    sock.close()


def test_text_fields_carry_the_questionnaire_length_limits(copy: Any) -> None:
    """The browser stops typing where validation would refuse (limits.py is the one table)."""
    from paris_check.questionnaire.limits import size

    html = page(client_for(copy()), "profile")
    qid = "profile.name"
    assert re.search(rf'name="{re.escape(qid)}:value"[^>]*maxlength="{size("text_answer")}"',
                     html), "text answer"
    assert re.search(rf'name="{re.escape(qid)}:note"[^>]*maxlength="{size("note")}"', html)
    assert re.search(rf'name="{re.escape(qid)}:na_reason"[^>]*maxlength="'
                     rf'{size("not_applicable")}"', html)
