"""Bad questionnaires: every problem is an InputError with file:line:col, a stable code and a hint."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from paris_check.errors import (
    FileAccessError,
    InputError,
    MultipleInputErrors,
    QuestionnaireError,
    YamlSyntaxError,
)
from paris_check.questionnaire.load import load_questionnaire
from paris_check.questionnaire.template import render_template

# name: (file content, error class, code, line, column, words the message or hint must contain)
CASES: dict[str, tuple[bytes, type[InputError], str, int, int, tuple[str, ...]]] = {
    "yaml-syntax-unclosed-quote": (
        b'profile:\n  name: "Unclosed\n  country: Aldoria\n', YamlSyntaxError, "PC001", 2, 9,
        ("quote", "not closed", 'with "')),
    "yaml-syntax-unclosed-bracket": (
        b"profile:\n  name: [a, b\n  country: x\n", YamlSyntaxError, "PC001", 2, 9,
        ("[ is not closed", "line 2")),
    "duplicate-key": (
        b"profile:\n  name: A\n  name: B\n", YamlSyntaxError, "PC002", 3, 3,
        ("'name'", "twice", "line 2")),
    "unknown-key": (
        b"profile:\n  nmae: A\n", QuestionnaireError, "PC011", 2, 3,
        ("unknown key 'nmae'", "did you mean 'name'")),
    "unknown-section": (
        b"profil:\n  name: A\n", QuestionnaireError, "PC011", 1, 1, ("did you mean 'profile'",)),
    "unknown-answer-key": (
        b"selection:\n  vacancies_advertised:\n    in_laws: yes\n", QuestionnaireError, "PC011",
        3, 5, ("did you mean 'in_law'",)),
    "wrong-type-number": (
        b"tenure:\n  term_years: five\n", QuestionnaireError, "PC015", 2, 3,
        ("'five' is not a number", "digits")),
    "wrong-type-law-practice-bare": (
        b"selection:\n  vacancies_advertised: yes\n", QuestionnaireError, "PC014", 2, 3,
        ("in_law", "in_practice")),
    "wrong-type-section-list": (
        b"profile: [1, 2]\n", QuestionnaireError, "PC015", 1, 1, ("key: value",)),
    "wrong-choice": (
        b"profile:\n  institution_type: parliament\n", QuestionnaireError, "PC012", 2, 3,
        ("'parliament' is not an allowed answer", "commission", "ombudsman")),
    "wrong-choice-boolean": (
        b"profile:\n  complaints_mandate: true\n", QuestionnaireError, "PC012", 2, 3,
        ("true is not an allowed answer", "yes or no")),
    "wrong-law-value": (
        b"selection:\n  vacancies_advertised:\n    in_law: maybe\n", QuestionnaireError,
        "PC012", 3, 5, ("'maybe'", "partly")),
    "year-out-of-range": (
        b"profile:\n  assessment_year: 1800\n", QuestionnaireError, "PC015", 2, 3,
        ("out of range", "at least 1993", "Paris Principles")),
    "not-applicable-without-reason": (
        b"mandate:\n  promotion: {not_applicable: true}\n", QuestionnaireError, "PC014", 2, 3,
        ("reason",)),
    "empty-file": (b"", YamlSyntaxError, "PC005", 1, 1, ("empty", "init")),
    "only-comments": (b"# nothing yet\n", YamlSyntaxError, "PC005", 1, 1, ("empty",)),
    "not-a-mapping": (b"- a\n- b\n", QuestionnaireError, "PC010", 1, 1, ("mapping",)),
    "several-documents": (b"profile: {}\n---\nmandate: {}\n", YamlSyntaxError, "PC006", 2, 1,
                          ("second YAML document", "delete the --- line")),
    "non-utf8": (b"profile:\n  name: Caf\xe9\n", FileAccessError, "PC025", 2, 12,
                 ("0xe9", "UTF-8")),
    "alias-bomb": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
        YamlSyntaxError, "PC003", 1, 4, ("anchors",)),
    "anchor": (b"profile:\n  name: &n Aldoria\n", YamlSyntaxError, "PC003", 2, 9, ("anchor",)),
    "custom-tag": (b"profile:\n  name: !!python/object:os.system x\n", YamlSyntaxError,
                   "PC003", 2, 9, ("tag",)),
    "tab-indented": (b"profile:\n\tname: A\n", YamlSyntaxError, "PC001", 2, 1, ("tab",)),
    "deep-nesting": (b"profile:\n  name: " + b"[" * 100 + b"]" * 100 + b"\n", YamlSyntaxError,
                     "PC004", 2, 47, ("nested",)),
    "binary-data": (b"profile:\n  name: \x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FileAccessError,
                    "PC024", 4, 1, ("binary",)),
    # Numbers: finite, and within the range the model (and the JSON Schema) gives.
    "number-infinite": (b"tenure:\n  term_years: .inf\n", QuestionnaireError, "PC015", 2, 3,
                        ("not a finite number", ".inf")),
    "number-too-large-for-a-float": (b"tenure:\n  term_years: 1e400\n", QuestionnaireError,
                                     "PC015", 2, 3, ("not a finite number", "1e400")),
    "number-nan": (b"composition:\n  women_share: .nan\n", QuestionnaireError, "PC015", 2, 3,
                   ("not a finite number",)),
    "term-negative": (b"tenure:\n  term_years: -3\n", QuestionnaireError, "PC015", 2, 3,
                      ("-3 is out of range", "at least 1", "1 to 30 years", "fixed_term")),
    "term-zero": (b"tenure:\n  term_years: {value: 0}\n", QuestionnaireError, "PC015", 2, 16,
                  ("at least 1",)),
    "share-above-100": (b"composition:\n  women_share: 150\n", QuestionnaireError, "PC015", 2,
                        3, ("at most 100", "percentage")),
    "share-negative": (b"funding:\n  donor_share: -1\n", QuestionnaireError, "PC015", 2, 3,
                       ("at least 0",)),
    "share-huge": (b"staff:\n  seconded_share: 1e12\n", QuestionnaireError, "PC015", 2, 3,
                   ("at most 100",)),
    "number-boolean": (b"funding:\n  donor_share: true\n", QuestionnaireError, "PC014", 2, 3,
                       ("true is not a number", "digits")),
    "review-year-before-paris-principles": (
        b"accreditation:\n  last_review_year: 1985\n", QuestionnaireError, "PC015", 2, 3,
        ("at least 1993",)),
    # Lists: say what to write, not "Input should be a valid list".
    "list-refs": (b"accreditation:\n  previous_recommendations:\n    - text: x\n      refs: GO-1.8\n",
                  QuestionnaireError, "PC015", 4, 7, ("expected a list", "refs: [GO-1.8, PP-B3]")),
    "list-evidence": (b"mandate:\n  promotion:\n    in_law: yes\n    evidence: 5\n",
                      QuestionnaireError, "PC015", 4, 5, ("expected a list", "- provision:")),
    "list-recommendations": (b"accreditation:\n  previous_recommendations:\n    text: x\n",
                             QuestionnaireError, "PC015", 2, 3, ('"- text:"',)),
    "multi-choice-as-keys": (b"establishment:\n  law_specifies:\n    mandate: yes\n",
                             QuestionnaireError, "PC011", 3, 5, ("as a list", "[mandate, functions]")),
    # Answers: `unknown` is always possible; not_applicable needs its reason.
    "yes-no-mentions-unknown": (b"profile:\n  complaints_mandate: maybe\n", QuestionnaireError,
                                "PC012", 2, 3, ("yes or no", "unknown")),
    "bare-not-applicable": (b"mandate:\n  promotion: not_applicable\n", QuestionnaireError,
                            "PC014", 2, 3, ('{not_applicable: "the reason"}',)),
    "bare-not-applicable-choice": (b"profile:\n  npm_designation: not_applicable\n",
                                   QuestionnaireError, "PC014", 2, 3, ("needs a reason",)),
    "not-applicable-empty": (b"mandate:\n  promotion:\n    not_applicable:\n",
                             QuestionnaireError, "PC014", 2, 3, ("needs a reason",)),
    # Evidence links: web addresses only.
    "url-javascript": (b"mandate:\n  promotion:\n    evidence:\n      - url: javascript:alert(1)\n",
                       QuestionnaireError, "PC014", 4, 9, ("http:// or https://",)),
    "url-file": (b"mandate:\n  promotion:\n    evidence: {url: 'file:///etc/passwd'}\n",
                 QuestionnaireError, "PC014", 3, 16, ("http:// or https://",)),
    "url-without-scheme": (b"mandate:\n  promotion:\n    evidence: {url: www.example.org}\n",
                           QuestionnaireError, "PC014", 3, 16, ("https://example.org",)),
    # A key valid at another level: the hint is about indentation, not a typo.
    "key-indented-under-the-answer-above": (
        b"profile:\n  institution_type:\n    value: commission\n    leadership: collegial\n",
        QuestionnaireError, "PC011", 4, 5,
        ("belongs under 'profile'", "indent it by 2 spaces", "'institution_type' on line 2")),
    "question-at-the-top-level": (
        b"mandate:\n  promotion: unknown\nprotection:\n  in_law: yes\n", QuestionnaireError,
        "PC011", 3, 1, ("question of the 'mandate' section", "indent it by 2 spaces")),
    "answer-key-under-the-section": (
        b"mandate:\n  promotion:\n    in_law: yes\n  in_practice: yes\n", QuestionnaireError,
        "PC011", 4, 3, ("if it belongs to 'promotion' (line 2)", "indent it by 4 spaces")),
}

# YAML mistakes people make, each as one change to a valid file: (line, text there, replacement,
# line and column of the message, code, words it must contain). The message must point at the
# line to fix, say what to write, and use no parser jargon.
BASE = """\
schema_version: "1.0"
profile:
  name: Human Rights Commission of Aldoria
  institution_type: commission
  complaints_mandate: yes
mandate:
  promotion:
    in_law: yes
    in_practice: partly
    evidence:
      - provision: "Act 4/2009, s. 8"
      - document: "The Commission's annual report 2025"
  protection:
    in_law: yes
    in_practice: yes
  all_rights:
    in_law: no
tenure:
  term_years: 5
"""
MISTAKES: dict[str, tuple[int, str, str, int, int, str, tuple[str, ...]]] = {
    "missing-colon": (4, "institution_type: commission", "institution_type commission", 4, 3,
                      "PC001", ("missing colon", "`institution_type: commission`")),
    "missing-colon-in-answer": (8, "in_law: yes", "in_law yes", 8, 5, "PC001",
                                ("missing colon", "`in_law: yes`")),
    "missing-colon-after-section": (6, "mandate:", "mandate", 6, 1, "PC001", ("`mandate:`",)),
    "no-space-after-colon": (4, "institution_type: commission", "institution_type:commission",
                             4, 3, "PC001", ("no space after the colon",)),
    "unindented-key": (13, "  protection:", "protection:", 13, 1, "PC001",
                       ("'protection' is not indented", "indent it by 2 spaces", "line 7")),
    "overindented-key": (13, "  protection:", "    protection:", 13, 5, "PC001",
                         ("indented by 4 spaces", "indent it by 2 spaces")),
    "underindented-answer-key": (9, "    in_practice", "  in_practice", 9, 3, "PC001",
                                 ("indent it by 4 spaces", "'in_law' on line 8")),
    "overindented-answer-key": (9, "    in_practice", "      in_practice", 9, 7, "PC001",
                                ("indent it by 4 spaces",)),
    "overindented-question": (5, "  complaints_mandate", "    complaints_mandate", 5, 5, "PC001",
                              ("indent it by 2 spaces", "'institution_type' on line 4")),
    "unclosed-quote": (11, '"Act 4/2009, s. 8"', '"Act 4/2009, s. 8', 11, 20, "PC001",
                       ("quote is not closed", 'end the text with "')),
    "unclosed-single-quote": (11, '"Act 4/2009, s. 8"', "'Act 4/2009, s. 8", 11, 20, "PC001",
                              ("quote is not closed", "end the text with '")),
    "second-document": (18, "tenure:", "---\ntenure:", 18, 1, "PC006",
                        ("second YAML document", "delete the --- line")),
    "unquoted-colon": (3, "Human Rights Commission of Aldoria", "Commission: the Republic", 3, 9,
                       "PC001", ("double quotes", 'name: "Commission: the Republic"')),
    "unquoted-colon-in-evidence": (11, '"Act 4/2009, s. 8"', "Act 4/2009: s. 8", 11, 20,
                                   "PC001", ('- provision: "Act 4/2009: s. 8"',)),
    "curly-quotes": (11, '"Act 4/2009, s. 8"', "\u201cAct 4/2009: s. 8\u201d", 11, 20, "PC001",
                     ("curly quotes", 'straight double quotes: `- provision: "Act 4/2009: s. 8"`')),
    "text-after-the-closing-quote": (11, '"Act 4/2009, s. 8"', '"Act 4/2009" s. 8', 11, 20,
                                     "PC001", ("after its closing quote", "double quotes")),
    "dash-without-space": (12, "- document", "-document", 12, 7, "PC001",
                           ("space after the dash", "`- document:")),
}
JARGON = ("<block", "<scalar>", "mapping values", "simple key", "expected <", "found '")


def _where(message: str) -> tuple[int, int]:
    match = re.match(r"^.*?:(\d+):(\d+): ", message)
    assert match, f"no file:line:col in {message!r}"
    return int(match[1]), int(match[2])


@pytest.mark.parametrize("name", list(CASES))
def test_bad_questionnaire(name: str, tmp_path: Path) -> None:
    content, cls, code, line, col, words = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_questionnaire(path)
    err = info.value
    assert isinstance(err, cls), f"{type(err).__name__}: {err.one_line()}"
    text = err.one_line()
    assert "\n" not in text
    assert text.startswith(f"{path}:{line}:{col}: {code} "), text
    assert err.code == code
    assert err.hint, f"no hint: {text}"
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


@pytest.mark.parametrize("name", list(MISTAKES))
def test_yaml_mistake_is_reported_where_it_must_be_fixed(name: str) -> None:
    line, old, new, at_line, at_col, code, words = MISTAKES[name]
    lines = BASE.splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    with pytest.raises(InputError) as info:
        load_questionnaire("".join(lines), name="q.yaml")
    text = info.value.one_line()
    assert text.startswith(f"q.yaml:{at_line}:{at_col}: {code} "), text
    assert info.value.hint, text
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    assert not [j for j in JARGON if j in text], text


def test_base_of_the_mistakes_is_valid() -> None:
    assert load_questionnaire(BASE, name="q.yaml").questionnaire.tenure.term_years


def test_a_real_duplicate_key_is_still_called_one() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_questionnaire(BASE.replace("  institution_type: commission", "  name: Other"),
                           name="q.yaml")
    assert info.value.one_line().startswith("q.yaml:4:3: PC002 key 'name' appears twice")


def test_capitalised_answers_are_accepted_with_a_note() -> None:
    text = ("profile:\n  complaints_mandate: Yes\n  current_status: a\n"
            "mandate:\n  promotion: {in_law: YES, in_practice: No}\n"
            "establishment:\n  law_specifies: [Mandate, powers]\n")
    loaded = load_questionnaire(text, name="q.yaml")
    q = loaded.questionnaire
    assert q.profile.complaints_mandate.value == "yes"  # type: ignore[union-attr]
    assert q.profile.current_status.value == "A"  # type: ignore[union-attr]
    assert (q.mandate.promotion.in_law, q.mandate.promotion.in_practice) == ("yes", "no")  # type: ignore[union-attr]
    assert q.establishment.law_specifies.value == ["mandate", "powers"]  # type: ignore[union-attr]
    assert loaded.notes[0] == ("q.yaml:2:3: note: profile.complaints_mandate: 'Yes' was read as "
                               "'yes' — write answers as they are listed")
    assert [n.split(": ")[0] for n in loaded.notes] == [
        "q.yaml:2:3", "q.yaml:3:3", "q.yaml:5:15", "q.yaml:5:28", "q.yaml:7:19"]
    assert not load_questionnaire("profile:\n  complaints_mandate: yes\n", name="q.yaml").notes


def test_thousands_of_errors_give_twenty_lines_and_a_count() -> None:
    text = "establishment:\n" + "".join(f"  key{i}: 1\n" for i in range(50_000))
    with pytest.raises(MultipleInputErrors) as info:
        load_questionnaire(text, name="many.yaml")
    lines = info.value.one_line().splitlines()
    assert len(lines) == 21 and info.value.count == 50_000
    assert lines[-1] == "many.yaml: … and 49,980 more problems (fix the ones above first)"


def test_a_huge_list_gives_one_line_with_its_limit() -> None:
    text = "establishment:\n  law_specifies: [" + ", ".join(["x"] * 100_000) + "]\n"
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(text, name="many.yaml")
    assert info.value.one_line().startswith(
        "many.yaml:2:3: PC017 establishment.law_specifies: 100,000 values; the limit is 20 — "
        "write each value once")


def test_a_long_invalid_value_is_cut_short() -> None:
    text = "profile:\n  institution_type: " + "x" * 1_000_000 + "\n"
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(text, name="long.yaml")
    assert len(info.value.one_line()) < 400 and "x…'" in info.value.one_line()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(FileAccessError) as info:
        load_questionnaire(path)
    assert info.value.one_line().startswith(f"{path}: PC020 ")
    assert info.value.hint


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as info:
        load_questionnaire(tmp_path)
    assert info.value.one_line().startswith(f"{tmp_path}: PC021 ")
    assert info.value.hint


def test_several_errors_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text("profile:\n  nmae: A\ntenure:\n  term_years: five\n", "utf-8")
    with pytest.raises(MultipleInputErrors) as info:
        load_questionnaire(path)
    lines = info.value.one_line().splitlines()
    assert [_where(line) for line in lines] == [(2, 3), (4, 3)]
    assert [e.code for e in info.value.errors] == ["PC011", "PC015"]


def test_empty_section_and_empty_keys_are_unanswered(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    path.write_text("profile:\nmandate:\n  promotion:\n", "utf-8")
    q = load_questionnaire(path).questionnaire
    assert q.profile.name is None and q.mandate.promotion is None


def test_yaml_11_booleans_stay_text() -> None:
    q = load_questionnaire("profile:\n  complaints_mandate: no\n", name="x.yaml").questionnaire
    assert q.profile.complaints_mandate is not None
    assert q.profile.complaints_mandate.value == "no"  # type: ignore[attr-defined]


def test_random_damage_never_crashes() -> None:
    """Mutated copies of the template and random bytes: loaded or refused, never a crash."""
    rng = random.Random(20260101)
    base = render_template().encode()
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
               for _ in range(60)]
    for _ in range(120):
        data = bytearray(base)
        for _ in range(rng.randrange(1, 6)):
            pos = rng.randrange(len(data))
            data[pos:pos + rng.randrange(0, 4)] = bytes(
                rng.choice(b" \t:-[]{}&*!|>'\"#\nabc\x00\xff") for _ in range(rng.randrange(0, 3)))
        samples.append(bytes(data))
    for i, sample in enumerate(samples):
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            continue
        try:
            load_questionnaire(text, name=f"sample-{i}.yaml")
        except InputError as err:
            assert err.code.startswith("PC") and err.one_line()
