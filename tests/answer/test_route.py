"""Free words count as a job only when the matcher is sure enough (PHRASE_MIN_SCORE); otherwise they are a question."""

from __future__ import annotations

from bot.answer.parts import Parts
from bot.answer.route import read
from bot.understand.questions import Intent


def test_a_close_ambiguous_match_reads_as_a_job(parts: Parts) -> None:
    q = read(parts, "what about social work")  # ambiguous, best title 58/100: above the bar of 55
    assert (q.intent, q.jobs) == (Intent.SUMMARY, ("social work",))


def test_words_that_name_no_job_stay_a_question(parts: Parts) -> None:
    q = read(parts, "what about the weather")
    assert q.intent is not Intent.SUMMARY or not q.jobs
