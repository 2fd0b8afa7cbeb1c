"""'What jobs will AI create?' and growth rankings: built from the role profiles and BLS's outlook, not a guess."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from bot.present.reply import ReplyKind
from bot.sources.load import Knowledge


@pytest.mark.parametrize(
    "question",
    ["what jobs will AI create?", "which new jobs grow with AI", "will ai create new jobs", "jobs created by AI"],
)
def test_questions_about_jobs_ai_creates_get_the_new_jobs_answer(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind is ReplyKind.NEW_JOBS


def test_the_new_jobs_answer_lists_the_roles_with_their_figures(engine: Engine, knowledge: Knowledge) -> None:
    reply = engine.answer("what jobs will AI create?")
    text = "\n".join(f.value for card in reply.cards for f in card.fields)
    for job in knowledge.new_jobs.roles:
        s = engine.summary(job.id)
        assert s is not None and s.title in text and f"Exposure {s.exposure:g}/100" in text
    assert "Clergy" not in text


def test_every_new_job_is_a_profile_and_mostly_a_role(knowledge: Knowledge) -> None:
    kinds = [knowledge.profiles[j.id].kind.value for j in knowledge.new_jobs.roles]
    assert kinds.count("role") > len(kinds) / 2


def test_fast_growing_jobs_with_low_exposure_are_ranked_by_growth(engine: Engine) -> None:
    reply = engine.answer("fast-growing jobs with low exposure")
    assert reply.kind is ReplyKind.RANKING
    ids = reply.meta.profile_ids
    summaries = [engine.summary(pid) for pid in ids]
    growth = [s.outlook.change_pct for s in summaries if s and s.outlook]
    assert len(growth) == len(ids) == 10 and growth == sorted(growth, reverse=True)
    assert all(s is not None and s.exposure < 30 for s in summaries)
