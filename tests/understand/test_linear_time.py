"""Every pattern that reads user text runs in linear time: 20,000 repetitions of a hostile phrase stay fast.

The bound is per call and generous for a slow CI machine; the quadratic patterns these replace took
seconds to minutes at this size ("a or " * 20000 took 19 s).
"""

from __future__ import annotations

import time

import pytest

from bot.answer.engine import Engine
from bot.understand.normalize import normalize
from bot.understand.questions import PARSE_MAX, clean, job_phrase, parse, residual

REPEATS = 20_000
BOUND_S = 0.5

HOSTILE = [
    "a or ",
    "or ",
    "is a or ",
    "a vs ",
    "compare a and ",
    "jobs ",
    " jobs",
    "now ",
    "thank you ",
    " from ai",
    "?",
    "?!.",
    "(",
    "(a ",
    "a, ",
    "<@1",
    "will ai replace ",
    "what about ",
    "is a safe ",
    "hi, ",
    "um",
    "which nurse tasks are ",
    "what should a ",
]


def _timed(call: object, text: str) -> float:
    started = time.perf_counter()
    call(text)  # type: ignore[operator]
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", HOSTILE)
@pytest.mark.parametrize("tail", ["", "x", " safer?"])
def test_question_patterns_are_linear(unit: str, tail: str) -> None:
    text = unit * REPEATS + tail
    for call in (parse, clean, job_phrase, residual, normalize):
        assert _timed(call, text) < BOUND_S, (call, unit, tail)


PARSE_BOUND_S = 0.05  # a quadratic pattern takes seconds on PARSE_MAX characters of these phrases


@pytest.mark.parametrize("unit", HOSTILE)
def test_the_parser_reads_a_whole_message_of_hostile_text_fast(unit: str) -> None:
    text = (unit * REPEATS)[:PARSE_MAX]
    assert _timed(parse, text) < PARSE_BOUND_S, unit


@pytest.mark.parametrize("unit", ["a or ", "jobs ", "(", "?", "a vs "])
def test_whole_answers_stay_fast_on_hostile_text(engine: Engine, unit: str) -> None:
    engine.answer("rn")
    engine.suggest_titles("")  # builds the lazy indexes first
    text = unit * REPEATS
    assert _timed(engine.answer, text) < BOUND_S
    assert _timed(engine.match, text) < BOUND_S
