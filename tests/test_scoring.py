"""The status method (paris_check.scoring): its form, on made-up answers."""

from __future__ import annotations

from typing import Any

import pytest

from paris_check.questionnaire.load import load_questionnaire
from paris_check.scoring import B_THRESHOLD, StatusModel, default_model

THREE_ANSWERS = """\
schema_version: "1.0"
establishment: {legal_basis: statute}
mandate:
  promotion: {in_law: "yes"}
  protection: {in_law: "yes"}
"""


def _assess(assessor: Any, text: str) -> Any:
    return assessor.assess(load_questionnaire(text, name="q.yaml").questionnaire)


def test_three_answers_give_insufficient_information_with_questions(assessor: Any) -> None:
    st = _assess(assessor, THREE_ANSWERS).status
    assert st.label == "insufficient information"
    assert st.confidence == "low"
    assert 1 <= len(st.to_answer) <= 5
    assert st.pillars_decided == []  # the founding answers decide no guarantee
    # most decisive first: a question read by a blocker-level rule comes first
    first = [r for r in st.reasons if r.code == "answer_first"]
    assert len(first) == 1 and first[0].questions == st.to_answer
    pillars = next(r for r in st.reasons if r.code == "pillars_decided")
    assert (pillars.count, pillars.needed) == (0, st.min_pillars)
    assert pillars.total == len(st.pillars_decided) + len(st.pillars_undecided)


def test_unknown_never_helps(assessor: Any) -> None:
    text = THREE_ANSWERS + "selection: {vacancies_advertised: unknown}\n"
    assert _assess(assessor, text).status.label == "insufficient information"


def test_one_pillar_beyond_the_founding_ones_lets_the_method_speak(assessor: Any) -> None:
    text = THREE_ANSWERS + ("political: {political_members: none, representatives_present: "
                            '"no"}\n')
    st = _assess(assessor, text).status
    assert st.pillars_decided == ["political"]
    model = default_model()
    expected = "A likely" if model.min_pillars <= 1 else "insufficient information"
    assert st.label == expected
    if st.label == "A likely":  # the undecided pillar areas are still listed to answer
        from paris_check.scoring import PILLARS

        assert st.to_answer and set(st.pillars_undecided) == set(PILLARS) - {"political"}


def test_founding_answers_are_never_enough() -> None:
    from paris_check.scoring import FOUNDATIONS, MIN_PILLARS_FLOOR, PILLARS

    assert MIN_PILLARS_FLOOR >= 1
    assert not {q.split(".")[0] for q in FOUNDATIONS} & set(PILLARS)
    assert default_model().min_pillars >= MIN_PILLARS_FLOOR


def test_accumulated_concerns_raise_the_probability(assessor: Any) -> None:
    base = THREE_ANSWERS + 'political: {political_members: none, representatives_present: "no"}\n'
    one = base + 'selection: {vacancies_advertised: {in_law: "no", in_practice: "no"}}\n'
    many = one + ('immunity: {members: {in_law: "no"}}\n'
                  'funding: {adequate: {in_law: "no", in_practice: "no"}}\n'
                  'performance: {addresses_serious_violations: "no", effectiveness_gaps: '
                  'serious}\n')
    p = [_assess(assessor, t).status.b_probability for t in (base, one, many)]
    assert p[0] < p[1] < p[2]
    st = _assess(assessor, many).status
    assert st.label == "B likely"
    assert st.concerns[0].area == "performance"


def test_one_concern_per_area(assessor: Any) -> None:
    base = THREE_ANSWERS + 'selection: {vacancies_advertised: {in_law: "no"}}\n'
    more = base.replace("}}\n", '}, published_merit_criteria: {in_law: "no"}}\n')
    a, b = (_assess(assessor, t).status for t in (base, more))
    assert a.concern_load == b.concern_load


def test_unanswered_legal_basis_caps_confidence(assessor: Any) -> None:
    text = ('schema_version: "1.0"\nmandate: {promotion: {in_law: "yes"}, protection: '
            '{in_law: "yes"}}\npolitical: {political_members: none, representatives_present: '
            '"no"}\ntenure: {fixed_term: {in_law: "yes", in_practice: "yes"}}\n'
            'selection: {formalised: {in_law: "yes", in_practice: "yes"}}\n')
    st = _assess(assessor, text).status
    if st.label == "A likely":
        assert st.confidence != "high"
        assert st.to_answer[0] == "establishment.legal_basis"  # then the undecided pillars
        assert "funding" in st.pillars_undecided and len(st.to_answer) > 1


def test_pillars_do_not_depend_on_severities() -> None:
    from paris_check.scoring import PILLARS

    assert PILLARS == ("selection", "composition", "political", "funding", "tenure",
                       "performance")


def test_concern_weights() -> None:
    m = StatusModel(w_blocker=2.0, w_minor=0.5, effectiveness_factor=3.0, intercept=-1.0,
                    slope=1.0, min_pillars=1)
    assert m.weight("blocker", "tenure") == 2.0
    assert m.weight("major", "tenure") == 1.0
    assert m.weight("minor", "tenure") == 0.5
    assert m.weight("advisory", "tenure") == 0.0
    assert m.weight("major", "performance") == 3.0
    assert m.b_probability(1.0) == pytest.approx(0.5)
    assert pytest.approx(1 / 3) == B_THRESHOLD


def test_status_json_is_deterministic(assessor: Any) -> None:
    text = THREE_ANSWERS + 'tenure: {fixed_term: {in_law: "no"}}\n'
    assert _assess(assessor, text).to_json() == _assess(assessor, text).to_json()


def test_open_probability_averages_over_undecided_pillars() -> None:
    base = dict(w_blocker=2.0, w_minor=0.0, effectiveness_factor=1.0, intercept=-2.0, slope=1.0,
                min_pillars=3)
    closed = StatusModel(**base)  # type: ignore[arg-type]
    assert closed.open_b_probability(1.0, ["funding", "tenure"]) == closed.b_probability(1.0)
    m = StatusModel(**base, concern_rates={"funding": 0.25, "tenure": 0.5},  # type: ignore[arg-type]
                    concern_weights={"funding": 1.0, "tenure": 2.0})
    p = m.b_probability
    expected = (0.75 * 0.5 * p(1) + 0.25 * 0.5 * p(2) + 0.75 * 0.5 * p(3) + 0.25 * 0.5 * p(4))
    assert m.open_b_probability(1.0, ["funding", "tenure"]) == pytest.approx(expected)
    assert m.open_b_probability(1.0, ["selection"]) == p(1.0)  # no rate: never concerned


def test_confidence_of_an_a_counts_undecided_pillars() -> None:
    from paris_check.scoring import decide

    m = StatusModel(w_blocker=2.0, w_minor=0.0, effectiveness_factor=1.0, intercept=-3.0,
                    slope=1.0, min_pillars=3)
    p_b = m.b_probability(0.0)  # about 0.05: high confidence on its own
    assert decide(p_b, mandate_known=True, basis_known=True, decided=7, model=m) == (
        "A likely", "high")
    assert decide(p_b, mandate_known=True, basis_known=True, decided=3, model=m,
                  p_open=0.4) == ("A likely", "low")
    assert decide(0.5, mandate_known=True, basis_known=True, decided=3, model=m,
                  p_open=0.9) == ("B likely", "low")


def test_current_status_moves_the_probability_and_is_asked_for(assessor: Any) -> None:
    base = THREE_ANSWERS + ('political: {political_members: none, representatives_present: '
                            '"no"}\nselection: {vacancies_advertised: {in_law: "no", '
                            'in_practice: "no"}}\n')
    held = _assess(assessor, base + "profile: {current_status: A}\n").status
    new = _assess(assessor, base + "profile: {current_status: not_accredited}\n").status
    unknown = _assess(assessor, base).status
    assert held.b_probability < unknown.b_probability < new.b_probability
    values = [next(r.value for r in st.reasons if r.code == "status_held")
              for st in (held, new, unknown)]
    assert values == [1, 0, None]  # 1: holds A
    assert "profile.current_status" in unknown.to_answer
    assert "profile.current_status" not in held.to_answer


def test_unanswered_status_takes_the_corpus_share() -> None:
    m = StatusModel(w_blocker=2.0, w_minor=0.0, effectiveness_factor=1.0, intercept=-2.0,
                    slope=1.0, min_pillars=1, status_effect=2.0, not_a_share=0.25)
    assert m.b_probability(1.0) == m.b_probability(1.0, 0.25)
    assert m.b_probability(1.0, 0.0) < m.b_probability(1.0) < m.b_probability(1.0, 1.0)
