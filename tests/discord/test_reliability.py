"""Issue 17: the bot survives malformed events, slow or failing answers, stale ids and hostile text."""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import pytest

from bot.frontends.discord.client import JobBot
from tests.discord.test_bot import EPHEMERAL, body, callback
from tests.standin import DiscordStandIn


async def test_malformed_interaction_is_logged_once_and_dropped(
    standin: DiscordStandIn, bot: JobBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="jobbot")
    broken = standin.build.slash_command("job", {"title": "rn"})
    del broken["application_id"]  # discord.py's parser raises KeyError on this
    await standin.dispatch("INTERACTION_CREATE", broken)
    dropped = await standin.wait_until(
        lambda: [r for r in caplog.records if getattr(r, "event", None) == "malformed"] or None, timeout=5, what="log"
    )
    assert len(dropped) == 1 and dropped[0].kind == "INTERACTION_CREATE"  # type: ignore[attr-defined]
    assert "KeyError" in dropped[0].detail  # type: ignore[attr-defined]
    assert not bot.is_closed()
    reply = await callback(standin, await standin.slash_command("job", {"title": "rn"}))
    assert body(reply)["embeds"][0]["title"].startswith("Registered Nurse")


def _component_on_message(standin: DiscordStandIn, custom_id: str, *, on_message: bool, kind: int = 2) -> Any:
    payload = copy.deepcopy(standin.build.component("jb:tasks:registered-nurse"))
    if on_message:
        payload["message"]["components"][0]["components"][0]["custom_id"] = custom_id
    payload["data"] = {"custom_id": custom_id, "component_type": kind}
    if kind == 3:
        payload["data"]["values"] = ["x"]
    return payload


@pytest.mark.parametrize(
    ("custom_id", "on_message", "kind"),
    [
        ("jb:frobnicate:registered-nurse", True, 2),  # our prefix, an action this version does not know
        ("jbs:unknown:", True, 3),
        ("jb:faq:welder", False, 2),  # a stale id that is not on the message it was clicked on
        ("jb:tasks:registered-nurse", True, 3),  # our id, arriving as the wrong kind of component
    ],
)
async def test_unknown_and_stale_custom_ids_get_a_reply_and_a_log_line(
    standin: DiscordStandIn,
    bot: JobBot,
    caplog: pytest.LogCaptureFixture,
    custom_id: str,
    on_message: bool,
    kind: int,
) -> None:
    caplog.set_level(logging.INFO, logger="jobbot")
    await callback(standin, await standin.slash_command("job", {"title": "rn"}))
    payload = _component_on_message(standin, custom_id, on_message=on_message, kind=kind)
    reply = await callback(standin, await standin.dispatch_interaction(payload))
    assert body(reply)["flags"] & EPHEMERAL and "older answer" in body(reply)["content"]
    await standin.wait_until(
        lambda: [r for r in caplog.records if getattr(r, "command", None) == "expired"] or None, timeout=5, what="log"
    )


@pytest.mark.parametrize("custom_id", ["jbm:compare:", "jbm:other:writer", "someone-elses-modal"])
async def test_unknown_modal_submissions_get_a_reply(standin: DiscordStandIn, bot: JobBot, custom_id: str) -> None:
    reply = await callback(standin, await standin.modal_submit(custom_id, {"other": "editor"}))
    assert body(reply)["flags"] & EPHEMERAL and "older answer" in body(reply)["content"]


async def test_failing_autocomplete_answers_with_no_choices(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(prefix: str) -> list[Any]:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(bot.engine, "suggest_titles", broken)
    monkeypatch.setattr(bot.engine, "suggest_faqs", broken)
    for command, option in (("job", "title"), ("faq", "question")):
        reply = await callback(standin, await standin.autocomplete(command, {option: "nur"}, focused=option))
        assert reply.json["type"] == 8 and reply.json["data"]["choices"] == []


async def test_autocomplete_for_an_unknown_option_answers_with_no_choices(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.autocomplete("job", {"nonsense": "nur"}, focused="nonsense"))
    assert reply.json["type"] == 8 and reply.json["data"]["choices"] == []
    assert "content" not in json.dumps(reply.json)


CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


async def test_two_server_errors_in_a_row_do_not_lose_the_reply(standin: DiscordStandIn, bot: JobBot) -> None:
    standin.fail_next("POST", CALLBACK, status=500, times=2)
    interaction = await standin.slash_command("job", {"title": "cashier"})
    ok = await standin.wait_for_request(
        "POST", CALLBACK, status=200, timeout=10, predicate=lambda r: str(interaction.id) in r.path
    )
    statuses = [r.status for r in standin.requests_matching("POST", CALLBACK) if str(interaction.id) in r.path]
    assert statuses == [500, 500, 200]
    assert body(ok)["embeds"][0]["title"].startswith("Cashier")


async def test_a_slow_answer_is_deferred_then_followed_up(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    real = bot.engine.job

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(2.0)  # blocks its thread, not the event loop
        return real(*args, **kwargs)

    monkeypatch.setattr(bot.engine, "job", slow)
    since = standin.mark()
    interaction = await standin.slash_command("job", {"title": "welder"})
    deferred = await callback(standin, interaction)
    assert deferred.json["type"] == 5
    # while that answer is still computing, another user is answered at once
    quick = await callback(standin, await standin.slash_command("about", {}, user_id=99))
    assert quick.at - deferred.at < 1.0
    followup = await standin.wait_for_request("POST", r"^/webhooks/\d+/[^/]+$", since=since, timeout=10)
    assert followup.json["embeds"][0]["title"].startswith("Welder")


async def test_a_first_response_that_keeps_failing_is_logged_with_the_interaction_id(
    standin: DiscordStandIn, bot: JobBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="jobbot")
    standin.fail_next("POST", CALLBACK, status=503, times=20)
    interaction = await standin.slash_command("job", {"title": "cashier"})
    lost = await standin.wait_until(
        lambda: next((r for r in caplog.records if getattr(r, "outcome", None) == "lost"), None), timeout=10, what="log"
    )
    assert str(interaction.id) in lost.detail  # type: ignore[attr-defined]
    ended = await standin.wait_until(
        lambda: next((r for r in caplog.records if r.getMessage() == "interaction"), None), timeout=10, what="end"
    )
    assert getattr(ended, "outcome", None) == "lost"  # not an "error": nobody is left to tell
    # one line per lost request and no traceback: under overload these would only add to the load
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]


def test_lateness_is_measured_against_the_freshest_arrival_so_clock_offsets_do_not_count() -> None:
    from bot.frontends.discord.freshness import Freshness

    fresh = Freshness(window=60)
    offset = 7.0  # this host's clock runs 7 s ahead of Discord's
    assert fresh.lateness(1000.0, 1000.05 + offset) == 0.0
    assert fresh.lateness(1000.5, 1000.6 + offset) == pytest.approx(0.05)  # on time
    assert fresh.lateness(1003.0, 1005.55 + offset) == pytest.approx(2.5)  # waited 2.5 s longer
    # past the window the floor is what arrived since: a lasting backlog is not "late" forever
    assert fresh.lateness(1100.0, 1102.0 + offset) == 0.0
    assert fresh.lateness(1102.5, 1102.55 + offset) == 0.0  # a fresh one lowers the floor again
    assert fresh.lateness(1103.0, 1105.1 + offset) == pytest.approx(2.05)


async def test_a_command_that_arrives_too_late_to_answer_is_dropped_unanswered(
    standin: DiscordStandIn, bot: JobBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord would refuse its answer anyway; working on it would only delay the requests behind it."""
    import time

    from tests.standin.payloads import DISCORD_EPOCH_MS

    caplog.set_level(logging.INFO, logger="jobbot")
    await callback(standin, await standin.slash_command("job", {"title": "welder"}))  # arrives on time
    old = standin.build.slash_command("job", {"title": "baker"})
    old["id"] = str(((int(time.time() * 1000) - 10_000 - DISCORD_EPOCH_MS) << 22) | 7)  # made 10 s ago
    since = standin.mark()
    stale = await standin.dispatch_interaction(old)
    shed = await standin.wait_until(
        lambda: next((r for r in caplog.records if getattr(r, "outcome", None) == "shed"), None), timeout=5, what="log"
    )
    assert "late" in shed.detail  # type: ignore[attr-defined]
    after = await callback(standin, await standin.slash_command("job", {"title": "cashier"}))  # still answering
    assert body(after)["embeds"][0]["title"].startswith("Cashier")
    assert not [r for r in standin.requests_matching("*", str(stale.id), since=since)]


async def test_a_command_still_queued_for_a_worker_at_its_deadline_is_dropped_not_deferred(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Behind a backlog a deferral would add a request and commit the bot to the work; the call is dropped."""
    import asyncio
    import threading

    from bot.frontends.discord import respond

    caplog.set_level(logging.INFO, logger="jobbot")
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.1)
    monkeypatch.setattr(respond, "RESPOND_BY", 0.3)
    release = threading.Event()
    loop = asyncio.get_running_loop()
    busy = [loop.run_in_executor(None, release.wait, 10) for _ in range(64)]  # every worker taken, and a queue
    since = standin.mark()
    interaction = await standin.slash_command("job", {"title": "plumber"})
    await asyncio.sleep(0.6)
    release.set()
    await asyncio.gather(*busy)
    lost = await standin.wait_until(
        lambda: next((r for r in caplog.records if "waited for a worker" in getattr(r, "detail", "")), None),
        timeout=5,
        what="log",
    )
    assert str(interaction.id) in lost.detail  # type: ignore[attr-defined]
    assert not standin.requests_matching("POST", str(interaction.id), since=since)  # neither deferred nor answered
    after = await callback(standin, await standin.slash_command("job", {"title": "cashier"}))
    assert body(after)["embeds"][0]["title"].startswith("Cashier")
