"""The embedding API: ``import paris_check`` and its curated names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import paris_check
from paris_check import api
from paris_check.assessing import Assessor
from paris_check.cli import main
from paris_check.packs import bundled_rules_dir

from .randomq import random_questionnaire

DECREE = "profile:\n  name: Test Commission\nestablishment:\n  legal_basis: decree\n"


def test_import_is_light() -> None:
    code = ("import sys, paris_check; heavy = [m for m in ('pydantic', 'ruamel', "
            "'durable_rules_engine', 'weasyprint', 'jinja2', 'rich') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_public_name_resolves() -> None:
    assert set(paris_check.__all__) == {"__version__", *paris_check._EXPORTS}
    for name in paris_check.__all__:
        assert getattr(paris_check, name) is not None, name
    assert set(paris_check.__all__) <= set(dir(paris_check))
    with pytest.raises(AttributeError):
        paris_check.no_such_thing  # noqa: B018


def test_no_module_shares_a_name_with_a_function() -> None:
    """``paris_check.assess`` and friends are functions, with no module-class trick: no
    submodule is named like one of them."""
    import importlib.util

    import paris_check.assessing
    import paris_check.compare

    assert paris_check.assessing.Assessor is Assessor
    assert paris_check.assess is api.assess and paris_check.diff is api.diff
    assert type(sys.modules["paris_check"]) is type(importlib)
    for name in ("load_questionnaire", "load_rules", "assess", "render", "diff"):
        assert importlib.util.find_spec(f"paris_check.{name}") is None, name


def test_errors_form_the_documented_hierarchy() -> None:
    for name in ("YamlSyntaxError", "QuestionnaireError", "FileAccessError",
                 "MultipleInputErrors"):
        assert issubclass(getattr(paris_check, name), paris_check.InputError)
    for name in ("InputError", "RulePackError", "TemplateError", "EngineError"):
        assert issubclass(getattr(paris_check, name), paris_check.ParisCheckError)


def test_py_typed_marker_ships() -> None:
    assert (Path(paris_check.__file__).parent / "py.typed").is_file()


def test_load_questionnaire_from_path_text_and_dict_agree(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(DECREE, encoding="utf-8")
    from_path = paris_check.load_questionnaire(f)
    from_text = paris_check.load_questionnaire(DECREE)
    from_dict = paris_check.load_questionnaire(
        {"profile": {"name": "Test Commission"}, "establishment": {"legal_basis": "decree"}})
    assert isinstance(from_path, paris_check.Questionnaire)
    assert from_path == from_text == from_dict


@pytest.mark.parametrize(("source", "error"), [
    ("does-not-exist.yaml", "FileAccessError"),
    ("profile: [unclosed\n", "YamlSyntaxError"),
    ("profile:\n  nmae: x\n", "QuestionnaireError"),
    ({"establishment": {"legal_basis": "royal_whim"}}, "QuestionnaireError"),
])
def test_load_questionnaire_raises_input_errors(source: object, error: str) -> None:
    with pytest.raises(getattr(paris_check, error)) as info:
        paris_check.load_questionnaire(source)  # type: ignore[arg-type]
    assert isinstance(info.value, paris_check.InputError)
    assert "\n" not in str(info.value)


def test_assess_from_a_path_matches_the_cli_byte_for_byte(tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text(DECREE, encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(f), "--format", "json", "--exit-zero"])
    assert result.exit_code == 0
    assert paris_check.assess(f).to_json() == result.stdout
    assert paris_check.render(paris_check.assess(str(f))).decode("utf-8") == result.stdout


def test_assess_matches_a_fresh_assessor(ruleset) -> None:
    questionnaires = [paris_check.load_questionnaire(random_questionnaire(seed))
                      for seed in range(5)]
    with Assessor(ruleset) as fresh:
        expected = [fresh.assess(q).to_json() for q in questionnaires]
    assert [paris_check.assess(q).to_json() for q in questionnaires] == expected
    blocker = paris_check.assess(DECREE)
    assert any(r.code == "ES01" and r.status == "gap" for r in blocker.results)
    assert isinstance(blocker, paris_check.Assessment)


def test_assessor_is_cached_per_rule_content() -> None:
    first = api.assessor_for()
    assert api.assessor_for(paris_check.load_rules()) is first
    assert api.assessor_for(paris_check.load_rules(bundled_rules_dir())) is first


def test_load_rules_from_a_folder(tmp_path: Path) -> None:
    shutil.copy(bundled_rules_dir() / "establishment.yaml", tmp_path)
    rules = paris_check.load_rules(tmp_path)
    assert isinstance(rules, paris_check.RuleSet)
    assert [p.name for p in rules.packs] == ["establishment"]
    result = paris_check.assess(DECREE, rules)
    assert result.results and {r.pack for r in result.results} == {"establishment"}
    assert len(paris_check.assess(DECREE).results) > len(result.results)
    with pytest.raises(paris_check.RulePackError):
        paris_check.load_rules(tmp_path / "missing")
    (tmp_path / "broken.yaml").write_text("pack: [\n", encoding="utf-8")
    with pytest.raises(paris_check.RulePackError):
        paris_check.load_rules(tmp_path)


def test_render_json_is_canonical_and_bad_options_are_input_errors() -> None:
    result = paris_check.assess(DECREE)
    assert paris_check.render(result) == result.to_json().encode("utf-8")
    assert paris_check.render(result, "json", lang="fr") == paris_check.render(result)
    with pytest.raises(paris_check.InputError, match="PC030"):
        paris_check.render(result, "odt")  # type: ignore[arg-type]
    with pytest.raises(paris_check.InputError, match="PC031"):
        paris_check.render(result, "markdown", lang="xx")


def test_render_markdown_delegates_to_the_report() -> None:
    report = pytest.importorskip("paris_check.report")
    if not hasattr(report, "render"):
        pytest.skip("report module not ready")
    q = paris_check.load_questionnaire(DECREE)
    data = paris_check.render(paris_check.assess(q), "markdown", questionnaire=q)
    assert isinstance(data, bytes) and b"ES01" in data


def test_result_schema_describes_the_result() -> None:
    schema = paris_check.result_schema()
    data = paris_check.assess(DECREE).model_dump(mode="json")
    assert set(schema["required"]) <= set(data) <= set(schema["properties"])
    assert "result_schema" in (paris_check.assess.__doc__ or "")
    assert "result_schema" in (paris_check.render.__doc__ or "")


def test_public_functions_document_their_errors() -> None:
    for fn in (paris_check.load_questionnaire, paris_check.load_rules, paris_check.assess,
               paris_check.render, paris_check.diff):
        assert "Raises:" in (fn.__doc__ or ""), fn.__name__


def test_a_questionnaire_loaded_from_a_path_keeps_its_provenance(tmp_path: Path) -> None:
    """The README's two-step embedding gives the same provenance as the CLI."""
    f = tmp_path / "inst.yaml"
    f.write_text(DECREE, encoding="utf-8")
    q = paris_check.load_questionnaire(f)
    two_step = paris_check.assess(q).provenance
    one_step = paris_check.assess(f).provenance
    assert two_step.questionnaire == "inst.yaml" == one_step.questionnaire
    assert two_step.questionnaire_sha256 == one_step.questionnaire_sha256
    assert q.model_dump() == paris_check.load_questionnaire(DECREE, name="x").model_dump()
