"""Property tests: any Unicode text up to the input bound gets a reply within Discord's limits, fast and inert."""

from __future__ import annotations

import json
import re
import time

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bot.answer.engine import INPUT_MAX, Engine
from bot.frontends.discord.limits import limit_problems
from bot.frontends.discord.payloads import to_payload
from bot.understand.questions import parse

RAW_LINK = re.compile(r"https?://|discord\.gg/|\w\.(?:com|gg|io)\b", re.IGNORECASE)
PING = re.compile(r"@everyone|@here|<@[!&]?\d+>")
TIME_BOUND_S = 1.0  # per reply, on a slow CI machine; typical replies take a few milliseconds
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(max_size=INPUT_MAX) | st.from_regex(r"(?:https://discord\.gg/\w+ |@everyone |<@1> |\u202e| or |a )+")


@seed(17)
@FUZZ
@given(text=TEXT)
def test_parser_never_fails(text: str) -> None:
    parse(text)


@seed(17)
@FUZZ
@given(text=TEXT, second=st.text(max_size=200))
def test_every_reply_kind_is_safe_and_fits(engine: Engine, text: str, second: str) -> None:
    engine.suggest_titles("")  # the lazy autocomplete index is built once, not timed
    for call in (
        lambda: engine.answer(text),
        lambda: engine.job(text),
        lambda: engine.faq(text),
        lambda: engine.compare(text, second),
        lambda: engine.compare_with("paralegal", text),
    ):
        started = time.perf_counter()
        reply = call()
        assert time.perf_counter() - started < TIME_BOUND_S
        payload = to_payload(reply)
        assert not limit_problems(payload)
        shown = json.dumps(payload, ensure_ascii=False)
        assert not PING.search(shown)
        assert not RAW_LINK.search(shown)
        assert payload["allowed_mentions"] == {"parse": []}
