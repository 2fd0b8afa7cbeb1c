"""Free-text questions to intents and job names."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from bot.understand.questions import Ask, Intent, parse


@pytest.mark.parametrize(
    ("text", "intent", "jobs"),
    [
        ("will AI replace paralegals?", Intent.SUMMARY, ("paralegals",)),
        ("is nursing safe from AI", Intent.SUMMARY, ("nursing",)),
        ("dentist vs dental hygienist", Intent.COMPARE, ("dentist", "dental hygienist")),
        ("compare teachers and librarians", Intent.COMPARE, ("teachers", "librarians")),
        ("what should a copywriter learn", Intent.CAREERS, ("copywriter",)),
        ("career moves for cashiers", Intent.CAREERS, ("cashiers",)),
        ("what does exposure mean", Intent.FAQ, ()),
        ("Which paralegal tasks are most exposed?", Intent.TASKS, ("paralegal",)),
        ("How can accountants reduce AI career risk?", Intent.CAREERS, ("accountants",)),
        ("What is the AI exposure score for accountants?", Intent.SUMMARY, ("accountants",)),
        ("<@1234> will ChatGPT take over software engineering jobs?", Intent.SUMMARY, ("software engineering",)),
        ("are truck drivers going to be replaced by robots", Intent.SUMMARY, ("truck drivers",)),
        ("is nursing or teaching safer", Intent.COMPARE, ("nursing", "teaching")),
        ("what about pharmacists?", Intent.SUMMARY, ("pharmacists",)),
        ("rn", Intent.SUMMARY, ("registered nurse",)),
        ("where does the data come from", Intent.FAQ, ()),
        ("help", Intent.HELP, ()),
        ("", Intent.HELP, ()),
    ],
)
def test_parse(text: str, intent: Intent, jobs: tuple[str, ...]) -> None:
    q = parse(text)
    assert q.intent is intent
    assert q.jobs == jobs


@pytest.mark.parametrize("text", ["Will AI replace my job", "will ai take my job?", "is my job safe from AI"])
def test_my_job_without_a_job_asks_which(text: str) -> None:
    q = parse(text)
    assert q.needs_job and not q.jobs


def test_the_kind_of_question_is_kept() -> None:
    assert parse("will AI replace paralegals?").ask is Ask.REPLACE
    assert parse("is nursing safe from AI").ask is Ask.SAFE
    assert parse("what is the ai exposure score for nurses").ask is Ask.SCORE


@pytest.mark.parametrize(
    ("text", "kind", "profile"),
    [
        ("Will AI take my job as a software engineer?", "summary", "software-developer"),
        ("im a nurse, am i safe?", "summary", "registered-nurse"),
        ("should i be worried about AI as a graphic designer", "summary", "graphic-designer"),
        ("is it worth becoming a translator", "summary", "translator"),
        ("how likely is AI to replace truck drivers", "summary", "truck-driver"),
        ("hey bot, what about uber drivers", "summary", "rideshare-driver"),
        ("my job is bookkeeping, will it survive", "summary", "bookkeeper"),
        ("tell me about electricians", "summary", "electrician"),
        ("How will AI affect customer service reps?", "summary", "customer-service-representative"),
        ("Do you think AI will replace doctors?", "summary", "family-physician"),
        ("what can cashiers do instead", "careers", "cashier"),
        ("which tasks of an accountant will be automated", "tasks", "accountant"),
    ],
)
def test_free_phrasing_finds_the_job(engine: Engine, text: str, kind: str, profile: str) -> None:
    reply = engine.answer(text)
    assert reply.kind == kind
    assert reply.meta.profile_ids == (profile,)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("how do i protect my job", "faq"),
        ("what is the best job", "faq_list"),
        ("thanks!", "help"),
        ("is my job safe", "ask_job"),
        ("which jobs are safest", "ranking"),
    ],
)
def test_questions_without_a_job_are_not_forced_into_one(engine: Engine, text: str, kind: str) -> None:
    assert engine.answer(text).kind == kind
