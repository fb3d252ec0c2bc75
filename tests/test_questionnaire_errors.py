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
        b'profile:\n  name: "Unclosed\n  country: Aldoria\n', YamlSyntaxError, "PC001", 4, 1,
        ("line 2", "close the quote")),
    "yaml-syntax-unclosed-bracket": (
        b"profile:\n  name: [a, b\n  country: x\n", YamlSyntaxError, "PC001", 3, 10,
        ("line 2",)),
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
        ("out of range", "1900")),
    "not-applicable-without-reason": (
        b"mandate:\n  promotion: {not_applicable: true}\n", QuestionnaireError, "PC014", 2, 3,
        ("reason",)),
    "empty-file": (b"", YamlSyntaxError, "PC005", 1, 1, ("empty", "init")),
    "only-comments": (b"# nothing yet\n", YamlSyntaxError, "PC005", 1, 1, ("empty",)),
    "not-a-mapping": (b"- a\n- b\n", QuestionnaireError, "PC010", 1, 1, ("mapping",)),
    "several-documents": (b"profile: {}\n---\nmandate: {}\n", YamlSyntaxError, "PC006", 1, 1,
                          ("several",)),
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
}


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
