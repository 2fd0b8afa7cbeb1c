"""Chat phrasings written for this project (chat_phrasings.tsv), with the intent and jobs each must get.

Kept apart from the benchmark sets: none of these comes from ../shared/eval.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.conversation import Context
from bot.answer.engine import Engine

CASES = [
    tuple(line.split("\t"))
    for line in (Path(__file__).parent / "chat_phrasings.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_set_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert len({c[0].casefold() for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("question", "intent", "socs"), CASES, ids=[c[0] for c in CASES])
def test_chat_phrasing(engine: Engine, question: str, intent: str, socs: str) -> None:
    reading = engine.converse(question, Context()).reading
    assert (reading.intent, ",".join(j.soc for j in reading.jobs)) == (intent, socs)


@pytest.mark.parametrize(
    ("turns", "kind", "socs"),
    [
        (["is nursing safe?", "and dentists?"], "summary", "29-1021"),
        (["is nursing safe?", "what about the tasks?"], "tasks", "29-1141"),
        (["is nursing safe?", "compare it with pharmacists"], "compare", "29-1141,29-1051"),
        (["dentist vs dental hygienist", "and pharmacists?"], "compare_many", "29-1021,29-1292,29-1051"),
        (["tasks for a paralegal", "and lawyers?"], "tasks", "23-1011"),
        (["will ai replace cashiers", "what about career moves"], "careers", "41-2011"),
        (["will ai replace cashiers", "is it safe?"], "summary", "41-2011"),
        (["will ai replace cashiers", "what does exposure mean", "and the tasks?"], "tasks", "41-2011"),
        (["astronomer", "will AI replace my job?"], "ask_job", ""),
    ],
)
def test_follow_ups_refer_to_the_last_jobs(engine: Engine, turns: list[str], kind: str, socs: str) -> None:
    context = Context()
    for text in turns:
        turn = engine.converse(text, context)
        context = turn.context
    assert turn.reply.kind == kind
    assert ",".join(j.soc for j in turn.reading.jobs) == socs


def test_a_follow_up_without_context_asks_which_job(engine: Engine) -> None:
    assert engine.converse("what about the tasks?", Context()).reply.kind == "ask_job"
