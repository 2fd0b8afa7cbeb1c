"""The real bot end to end through the stand-in: slash commands, components, mentions, threads, faults."""

from __future__ import annotations

import copy
import json
import logging
import re
from typing import Any

import pytest

from bot.frontends.discord.client import JobBot
from tests.standin import DiscordStandIn, RecordedRequest, run_client

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
FOLLOWUP = r"^/webhooks/\d+/[^/]+$"
EPHEMERAL = 64


def body(request: RecordedRequest) -> dict[str, Any]:
    """The message part of a callback (under 'data') or of a plain message request."""
    payload = request.json or {}
    return payload.get("data", payload) if "type" in payload else payload


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


async def callback(standin: DiscordStandIn, interaction: Any) -> RecordedRequest:
    request = await standin.wait_for_callback(interaction)
    assert request.status == 200, (request.status, request.response)
    return request


async def card_of(standin: DiscordStandIn, request: RecordedRequest) -> RecordedRequest:
    """The request that carried an answer's card: its first response when the card was already drawn,
    else the edit of that response that follows once the card is drawn."""
    if request.files:
        return request
    token = request.path.split("/")[3]
    return await standin.wait_for_request("PATCH", rf"^/webhooks/\d+/{re.escape(token)}/messages/@original$")


async def test_job_answers_with_summary_embed_and_buttons(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.slash_command("job", {"title": "rn"}))
    assert reply.json["type"] == 4
    message = body(reply)
    embed = message["embeds"][0]
    assert embed["title"].startswith("Registered Nurse — AI exposure")
    names = [f["name"] for f in embed["fields"]]
    assert {"Exposure", "Automation risk", "Resilience", "Most exposed tasks"} <= set(names)
    card = body(await card_of(standin, reply))
    assert card["embeds"][0]["image"]["url"] == "attachment://registered-nurse.png"  # split, radar, trend
    assert message["allowed_mentions"] == {"parse": []}
    assert "jb:tasks:registered-nurse" in custom_ids(message)
    assert any(i.startswith("jb:notmine:registered-nurse:rn") for i in custom_ids(message))


async def test_autocomplete_offers_titles(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.autocomplete("job", {"title": "nur"}, focused="title"))
    assert reply.json["type"] == 8
    choices = reply.json["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert "Registered Nurse" in [c["value"] for c in choices]
    assert all(1 <= len(c["name"]) <= 100 for c in choices)


async def test_job_with_a_location_shows_local_pay(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(
        standin, await standin.slash_command("job", {"title": "software developer", "location": "San Jose"})
    )
    embed = body(reply)["embeds"][0]
    pay = next(f["value"] for f in embed["fields"] if f["name"].startswith("Pay"))
    assert "In San Jose-Sunnyvale-Santa Clara, CA: median **$213,110**/yr" in pay
    assert "7.1 times as concentrated here as nationally" in pay


async def test_location_autocomplete_offers_states_and_metros(standin: DiscordStandIn, bot: JobBot) -> None:
    interaction = await standin.autocomplete("job", {"title": "nurse", "location": "aus"}, focused="location")
    choices = (await callback(standin, interaction)).json["data"]["choices"]
    assert "Austin-Round Rock-San Marcos, TX" in [c["value"] for c in choices]
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_ambiguous_title_gets_a_menu_and_picking_shows_the_job(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.slash_command("job", {"title": "engineer"}))
    message = body(reply)
    assert message["embeds"][0]["title"].startswith("Which job did you mean")
    select = message["components"][0]["components"][0]
    assert select["type"] == 3 and len(select["options"]) >= 3
    pick = next(o for o in select["options"] if not o["value"].startswith("soc:"))
    chosen = await callback(
        standin, await standin.component(select["custom_id"], component_type=3, values=[pick["value"]])
    )
    assert chosen.json["type"] == 7  # the menu message turns into the answer
    assert body(chosen)["embeds"][0]["title"].startswith(pick["label"])


async def test_unknown_and_hostile_titles_are_answered_safely(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.slash_command("job", {"title": "@everyone <@&42> xyzzy plover"}))
    message = body(reply)
    text = json.dumps(message)
    assert "couldn't match" in message["embeds"][0]["title"]
    assert "@everyone" not in text and "<@&42>" not in text
    assert message["allowed_mentions"] == {"parse": []}


async def test_buttons_drill_down_privately(standin: DiscordStandIn, bot: JobBot) -> None:
    await callback(standin, await standin.slash_command("job", {"title": "paralegal"}))
    for custom_id, title in [
        ("jb:tasks:paralegal", "task breakdown"),
        ("jb:careers:paralegal", "career moves"),
        ("jb:faq:paralegal", "questions people ask"),
    ]:
        reply = await callback(standin, await standin.component(custom_id))
        assert reply.json["type"] == 4
        assert body(reply)["flags"] & EPHEMERAL
        assert title in body(reply)["embeds"][0]["title"]


async def test_personalise_rescores_with_chosen_tasks(standin: DiscordStandIn, bot: JobBot) -> None:
    await callback(standin, await standin.slash_command("job", {"title": "paralegal"}))
    menu = body(await callback(standin, await standin.component("jb:personal:paralegal")))
    select = menu["components"][0]["components"][0]
    assert select["max_values"] == len(select["options"]) >= 6
    reply = await callback(standin, await standin.component(select["custom_id"], component_type=3, values=["0", "1"]))
    assert body(reply)["embeds"][0]["title"].startswith("Your Paralegal — personalised exposure")


async def test_not_my_job_offers_the_other_candidates(standin: DiscordStandIn, bot: JobBot) -> None:
    first = body(await callback(standin, await standin.slash_command("job", {"title": "nurse practitioner"})))
    notmine = next(i for i in custom_ids(first) if i.startswith("jb:notmine:"))
    menu = body(await callback(standin, await standin.component(notmine)))
    values = [o["value"] for o in menu["components"][0]["components"][0]["options"]]
    assert values and "nurse-practitioner" not in values


async def test_compare_with_button_opens_a_modal(standin: DiscordStandIn, bot: JobBot) -> None:
    await callback(standin, await standin.slash_command("job", {"title": "dentist"}))
    modal = await callback(standin, await standin.component("jb:compare:dentist"))
    assert modal.json["type"] == 9
    assert modal.json["data"]["custom_id"] == "jbm:compare:dentist"
    reply = await callback(standin, await standin.modal_submit("jbm:compare:dentist", {"other": "dental hygienist"}))
    assert body(reply)["embeds"][0]["title"] == "Dentist vs Dental Hygienist"


async def test_compare_opens_a_thread_and_answers_follow_ups_in_context(standin: DiscordStandIn, bot: JobBot) -> None:
    since = standin.mark()
    reply = await callback(standin, await standin.slash_command("compare", {"first": "rn", "second": "pharmacist"}))
    assert body(reply)["embeds"][0]["title"] == "Registered Nurse vs Pharmacist"
    thread = await standin.wait_for_request("POST", r"^/channels/\d+/messages/\d+/threads$", since=since)
    assert thread.status in (200, 201) and thread.json["name"] == "Registered Nurse vs Pharmacist"
    thread_id = int(thread.response["id"])
    posted = await standin.wait_for_request(
        "POST",
        rf"^/channels/{thread_id}/messages$",
        since=since,
        predicate=lambda r: "mention me here" in ((r.json or {}).get("content") or "").lower(),
    )
    assert posted.json["allowed_mentions"] == {"parse": []}
    mark = standin.mark()
    await standin.message_create("what about dentists?", mention_bot=True, channel_id=thread_id)
    answer = await standin.wait_for_request("POST", rf"^/channels/{thread_id}/messages$", since=mark)
    titles = answer.json["embeds"][0]["title"]
    assert "Registered Nurse" in titles and "Pharmacist" in titles and "Dentist" in titles


async def test_compare_without_thread_permission_answers_inline(standin: DiscordStandIn, bot: JobBot) -> None:
    standin.fail_next("POST", r"/threads$", status=403, code=50013, message="Missing Permissions")
    since = standin.mark()
    await callback(standin, await standin.slash_command("compare", {"first": "cashier", "second": "bank teller"}))
    note = await standin.wait_for_request(
        "POST",
        FOLLOWUP,
        since=since,
        predicate=lambda r: "can't open a thread" in ((r.json or {}).get("content") or ""),
    )
    assert "Create Public Threads" in note.json["content"]
    await standin.wait_for_request(
        "POST",
        FOLLOWUP,
        since=since,
        predicate=lambda r: "task breakdown" in json.dumps((r.json or {}).get("embeds", [])),
    )


async def test_compare_in_dm_answers_inline(standin: DiscordStandIn, bot: JobBot) -> None:
    since = standin.mark()
    await callback(standin, await standin.slash_command("compare", {"first": "rn", "second": "lpn"}, guild=False))
    await standin.wait_for_request(
        "POST",
        FOLLOWUP,
        since=since,
        predicate=lambda r: "threads need a server text channel" in ((r.json or {}).get("content") or ""),
    )


async def test_mention_in_a_server_is_answered(standin: DiscordStandIn, bot: JobBot) -> None:
    since = standin.mark()
    await standin.message_create("will AI replace paralegals?", mention_bot=True)
    sent = await standin.wait_for_request("POST", r"^/channels/\d+/messages$", since=since)
    assert sent.json["embeds"][0]["title"].startswith("Paralegal")
    assert "Will AI replace paralegal jobs?" in sent.json["content"]
    assert sent.json["allowed_mentions"]["parse"] == []
    assert sent.json["message_reference"]


async def test_messages_that_do_not_mention_the_bot_are_ignored(standin: DiscordStandIn, bot: JobBot) -> None:
    since = standin.mark()
    await standin.message_create("will AI replace paralegals?")
    pinged = await standin.message_create("what does exposure mean", mention_bot=True)  # answered
    assert pinged is not None
    sent = await standin.wait_for_request("POST", r"^/channels/\d+/messages$", since=since)
    assert len(standin.requests_matching("POST", r"^/channels/\d+/messages$", since=since)) == 1
    assert int(sent.json["message_reference"]["message_id"]) == int(pinged["id"])


async def test_direct_message_is_answered(standin: DiscordStandIn, bot: JobBot) -> None:
    since = standin.mark()
    await standin.message_create("is nursing safe from AI", dm=True)
    sent = await standin.wait_for_request("POST", r"^/channels/\d+/messages$", since=since)
    assert "Registered Nurse" in sent.json["embeds"][0]["title"]


async def test_old_and_foreign_components_get_a_polite_answer(standin: DiscordStandIn, bot: JobBot) -> None:
    first = await standin.slash_command("job", {"title": "rn"})
    await callback(standin, first)
    for custom_id in ("legacy:tasks:42", "jb:tasks:no-such-job"):
        # a message from an older version of the bot, whose first button carries an id we no longer know
        payload = copy.deepcopy(standin.build.component("jb:tasks:registered-nurse"))
        payload["message"]["components"][0]["components"][0]["custom_id"] = custom_id
        payload["data"]["custom_id"] = custom_id
        reply = await callback(standin, await standin.dispatch_interaction(payload))
        assert body(reply)["flags"] & EPHEMERAL
        assert "older answer" in body(reply)["content"]


async def test_modal_after_restart_is_still_answered(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.modal_submit("jbm:compare:writer", {"other": "editor"}))
    assert body(reply)["embeds"][0]["title"] == "Writer vs Editor"


async def test_flood_from_one_user_hits_the_cooldown(standin: DiscordStandIn, make_bot: Any) -> None:
    async with run_client(make_bot(cooldown=(2, 60.0)), standin) as client:
        await client.tree.sync()
        replies = [
            await callback(standin, await standin.slash_command("job", {"title": "rn"}, user_id=7)) for _ in range(3)
        ]
        assert [r.json["type"] for r in replies] == [4, 4, 4]
        third = body(replies[2])
        assert third["flags"] & EPHEMERAL and "ask again in" in third["content"]
        other = await callback(standin, await standin.slash_command("job", {"title": "rn"}, user_id=8))
        assert "embeds" in body(other) and body(other)["embeds"]


async def test_every_interaction_is_logged_as_one_line(
    standin: DiscordStandIn, bot: JobBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="jobbot")
    await callback(standin, await standin.slash_command("job", {"title": "rn"}))
    await standin.wait_until(
        lambda: [r for r in caplog.records if getattr(r, "command", None) == "job"] or None, timeout=5, what="log"
    )
    record = next(r for r in caplog.records if getattr(r, "command", None) == "job")
    assert record.outcome == "ok" and record.kind == "command" and record.latency_ms >= 0  # type: ignore[attr-defined]


async def test_gateway_drop_resumes_and_keeps_answering(standin: DiscordStandIn, bot: JobBot) -> None:
    await standin.drop_connection()
    await standin.wait_for_resume()
    reply = await callback(standin, await standin.slash_command("job", {"title": "accountant"}))
    assert body(reply)["embeds"][0]["title"].startswith("Accountant")


async def test_reconnect_request_resumes(standin: DiscordStandIn, bot: JobBot) -> None:
    await standin.send_reconnect()
    await standin.wait_for_resume()
    reply = await callback(standin, await standin.slash_command("tasks", {"title": "translator"}))
    assert "task breakdown" in body(reply)["embeds"][0]["title"]


async def test_rate_limited_callback_is_retried(standin: DiscordStandIn, bot: JobBot) -> None:
    standin.fail_next("POST", CALLBACK, status=429, retry_after=0.2)
    interaction = await standin.slash_command("job", {"title": "cashier"})
    ok = await standin.wait_for_request("POST", CALLBACK, status=200, predicate=lambda r: str(interaction.id) in r.path)
    limited = [r for r in standin.requests_matching("POST", CALLBACK) if r.status == 429]
    assert limited and ok.at - limited[0].at >= 0.2


async def test_server_error_is_retried_and_the_bot_keeps_working(standin: DiscordStandIn, bot: JobBot) -> None:
    standin.fail_next("POST", CALLBACK, status=500)
    interaction = await standin.slash_command("job", {"title": "cashier"})
    ok = await standin.wait_for_request(
        "POST", CALLBACK, status=200, timeout=10, predicate=lambda r: str(interaction.id) in r.path
    )
    assert [r.status for r in standin.requests_matching("POST", CALLBACK) if str(interaction.id) in r.path] == [
        500,
        200,
    ]
    assert body(ok)["embeds"][0]["title"].startswith("Cashier")


async def test_rejected_request_is_logged_and_the_bot_keeps_working(
    standin: DiscordStandIn, bot: JobBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="jobbot")
    standin.fail_next("POST", CALLBACK, status=400, code=50035, message="Invalid Form Body")
    await standin.slash_command("job", {"title": "cashier"})
    error = await standin.wait_until(
        lambda: next((r for r in caplog.records if getattr(r, "outcome", None) == "error"), None), timeout=5, what="log"
    )
    assert error.command == "job" and error.exc_info  # type: ignore[attr-defined]
    reply = await callback(standin, await standin.slash_command("job", {"title": "cashier"}))
    assert body(reply)["embeds"][0]["title"].startswith("Cashier")


async def test_compressed_gateway(make_bot: Any) -> None:
    from tests.discord.conftest import TOKEN
    from tests.standin import running_standin

    async with running_standin(token=TOKEN, compress=True) as standin, run_client(make_bot(), standin) as client:
        await client.tree.sync()
        reply = await callback(standin, await standin.slash_command("job", {"title": "welder"}))
        assert body(reply)["embeds"][0]["title"].startswith("Welder")
        assert any(c.compression for c in standin.connections)


async def test_buttons_keep_working_after_a_restart(standin: DiscordStandIn, make_bot: Any) -> None:
    async with run_client(make_bot(), standin) as first:
        await first.tree.sync()
        await callback(standin, await standin.slash_command("job", {"title": "welder"}))
    async with run_client(make_bot(), standin):  # a new process: nothing from the first one in memory
        reply = await callback(standin, await standin.component("jb:careers:welder"))
        assert body(reply)["embeds"][0]["title"] == "Welder — skills and career moves"


@pytest.mark.parametrize(
    ("command", "options", "title"),
    [
        ("faq", {"question": "what does exposure mean"}, "What does the AI exposure score mean?"),
        ("ask", {"question": "dentist vs dental hygienist"}, "Dentist vs Dental Hygienist"),
        ("careers", {"title": "cashier"}, "Cashier — skills and career moves"),
        ("methodology", {}, "How jobbot scores a job — methodology v1.1"),
        ("about", {}, "About jobbot"),
    ],
)
async def test_other_commands_answer(
    standin: DiscordStandIn, bot: JobBot, command: str, options: dict[str, str], title: str
) -> None:
    reply = await callback(standin, await standin.slash_command(command, options))
    assert body(reply)["embeds"][0]["title"] == title


async def test_faq_autocomplete_offers_questions(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.autocomplete("faq", {"question": "source"}, focused="question"))
    values = [c["value"] for c in reply.json["data"]["choices"]]
    assert "Where does the data come from?" in values and len(values) <= 25
