"""Comparisons: which job is more exposed, why, and the pay difference when BLS publishes both."""

from __future__ import annotations

from bot.answer.compare import SAME_EXPOSURE, comparison
from bot.answer.parts import Parts


def test_compare_names_the_more_exposed_and_explains(parts: Parts) -> None:
    c = comparison(parts, "cook", "writer")
    assert c.more_exposed == "writer"
    assert c.exposure_delta == round(c.second.exposure - c.first.exposure, 1) > 0
    assert any("AI-substitutable" in r for r in c.reasons)
    assert c.first.pay is not None and c.second.pay is not None
    assert c.pay_delta == c.second.pay.median_annual - c.first.pay.median_annual  # type: ignore[operator]


def test_the_order_of_the_two_jobs_only_flips_the_signs(parts: Parts) -> None:
    ab, ba = comparison(parts, "cook", "writer"), comparison(parts, "writer", "cook")
    assert ab.more_exposed == ba.more_exposed == "writer"
    assert ab.exposure_delta == -ba.exposure_delta
    assert ab.reasons == ba.reasons


def test_a_job_against_itself_is_a_tie(parts: Parts) -> None:
    c = comparison(parts, "writer", "writer")
    assert c.more_exposed is None and c.reasons == [SAME_EXPOSURE] and c.exposure_delta == 0


def test_compare_pay_is_unknown_when_bls_publishes_none(parts: Parts) -> None:
    assert parts.facts.pay(parts.knowledge.profiles["actor"].soc).median_annual is None  # type: ignore[union-attr]
    assert comparison(parts, "actor", "writer").pay_delta is None
