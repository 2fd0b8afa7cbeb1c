"""The formulas of METHODOLOGY.md, checked on its worked example and on real profiles."""

from __future__ import annotations

import pytest

from bot.score.formulas import delta, focus_weights, normalise_weights, score
from bot.sources.load import Knowledge
from bot.sources.models import Profile

WORKED = [(82, 12), (78, 16), (72, 10), (64, 12), (54, 14), (31, 12), (28, 16), (18, 8)]


def make_profile(pairs: list[tuple[int, int]], pid: str = "worked-example", soc: str = "15-1252") -> Profile:
    tasks = [
        {
            "statement": f"Task number {i}",
            "exposure": e,
            "time_share": t,
            "capabilities": ["writing"] if i % 2 else ["physical-dexterity", "accountable-judgment"],
            "axes": ["cognitive"] if i % 2 else ["manual", "judgement"],
            "rationale": "Scored for the worked example.",
        }
        for i, (e, t) in enumerate(pairs)
    ]
    return Profile.model_validate(
        {
            "id": pid,
            "title": "Worked Example",
            "soc": soc,
            "family": f"{soc[:2]}-0000",
            "aliases": ["one", "two", "three", "four", "five"],
            "summary": "A profile for checking formulas.",
            "tasks": tasks,
            "skills": ["a skill", "b skill", "c skill"],
            "career_moves": [
                {"id": "x-one", "reason": "reason one"},
                {"id": "x-two", "reason": "reason two"},
                {"id": "x-three", "reason": "reason three"},
            ],
        }
    )


def test_worked_example_matches_methodology(knowledge: Knowledge) -> None:
    s = score(make_profile(WORKED), knowledge.capabilities)
    assert s.exposure == 54.4
    assert s.band == "high"
    assert (s.split.substitutable, s.split.assisted, s.split.human) == (28, 36, 36)
    assert s.risk == 20.1
    assert s.risk_band == "moderate"
    assert s.resilience == 40.8


def test_task_lists_follow_their_rules(knowledge: Knowledge) -> None:
    s = score(make_profile(WORKED), knowledge.capabilities)
    assert [t.exposure for t in s.most_exposed] == [82, 78, 72]
    assert [t.exposure for t in s.resilient] == [18, 28, 31]
    # copilot: assisted tasks by time x exposure: 64*12=768, 54*14=756, 72*10=720
    assert [t.exposure for t in s.copilot] == [64, 54, 72]
    assert all(t.task_class == "assisted" for t in s.copilot)


def test_trend_is_current_in_2026_and_marks_projection(knowledge: Knowledge) -> None:
    s = score(make_profile(WORKED), knowledge.capabilities)
    by_year = {p.year: p for p in s.trend}
    assert sorted(by_year) == list(range(2018, 2029))
    assert by_year[2026].exposure == s.exposure
    assert [p.year for p in s.trend if p.projection] == [2027, 2028]
    assert by_year[2018].exposure < by_year[2022].exposure < by_year[2026].exposure


def test_radar_reports_axes_without_tasks_as_missing(knowledge: Knowledge) -> None:
    s = score(make_profile(WORKED), knowledge.capabilities)
    radar = {a.axis: a for a in s.radar}
    assert radar["social"].exposure is None and radar["social"].time_share == 0
    odd = [(e, t) for i, (e, t) in enumerate(WORKED) if i % 2]
    expected = sum(e * t for e, t in odd) / sum(t for _, t in odd)
    assert radar["cognitive"].exposure == round(expected, 1)


def test_personalise_rescales_any_split(knowledge: Knowledge) -> None:
    profile = make_profile(WORKED)
    personal = score(profile, knowledge.capabilities, normalise_weights(profile, {0: 3, 1: 1}))
    assert personal.exposure == pytest.approx((82 * 3 + 78 * 1) / 4, abs=0.05)
    assert personal.split.substitutable == 100
    assert delta(54.4, personal.exposure) == pytest.approx(personal.exposure - 54.4, abs=0.05)


def test_focus_weights_triple_the_chosen_tasks(knowledge: Knowledge) -> None:
    profile = make_profile(WORKED)
    weights = focus_weights(profile, [5])
    assert weights[5] == 36 and weights[0] == 12
    assert score(profile, knowledge.capabilities, normalise_weights(profile, weights)).exposure < 54.4


@pytest.mark.parametrize("weights", [{0: -1}, {12: 10}, {0: 0, 1: 0}])
def test_personalise_rejects_bad_splits(weights: dict[int, float]) -> None:
    with pytest.raises(ValueError):
        normalise_weights(make_profile(WORKED), weights)


def test_real_profiles_stay_in_range(knowledge: Knowledge) -> None:
    for profile in knowledge.profiles.values():
        s = score(profile, knowledge.capabilities)
        assert 0 <= s.risk <= s.exposure <= 100, profile.id
        assert 0 <= s.resilience <= 100
        assert s.split.substitutable + s.split.assisted + s.split.human == pytest.approx(100)
