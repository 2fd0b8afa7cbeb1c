"""Share cards through the stand-in: multipart attachments the embeds point at, Share, the message context
menu, and the fields Discord sends when the app is installed to a user account rather than a server."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import pytest
from PIL import Image

from bot.answer.cards import Cards
from bot.frontends.discord import metrics, pictures
from bot.frontends.discord.client import JobBot
from bot.frontends.discord.limits import limit_problems
from tests.discord.test_bot import EPHEMERAL, body, callback, card_of, custom_ids
from tests.standin import DiscordStandIn, RecordedRequest

PNG = b"\x89PNG\r\n\x1a\n"


def attachment_of(request: RecordedRequest, filename: str) -> bytes:
    """The one uploaded file: sent as multipart under that name, a 1200x630 PNG the first embed shows."""
    assert [f.filename for f in request.files] == [filename], request.files
    blob = request.blobs[0]
    assert blob.startswith(PNG) and len(blob) <= 150 * 1024
    assert Image.open(io.BytesIO(blob)).size == (1200, 630)
    message = body(request)
    assert message["embeds"][0]["image"]["url"] == f"attachment://{filename}"
    assert not limit_problems(message)
    return blob


def stored(standin: DiscordStandIn, request: RecordedRequest) -> dict[str, Any]:
    """The message Discord made of a callback or an edit: its attachment has the PNG's name and content type."""
    message: dict[str, Any] = request.response["resource"]["message"] if request.method == "POST" else request.response
    return message


async def test_job_summary_attaches_its_card(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await card_of(standin, await callback(standin, await standin.slash_command("job", {"title": "paralegal"})))
    attachment_of(reply, "paralegal.png")
    [attachment] = stored(standin, reply)["attachments"]
    assert attachment["filename"] == "paralegal.png" and attachment["content_type"] == "image/png"
    message = stored(standin, reply)
    assert message["content"].startswith("Short answer:")
    names = [f["name"] for f in message["embeds"][0]["fields"]]
    assert "Exposure trend" not in names and "How the time splits" not in names  # the card shows them
    assert len(message["content"]) + sum(len(f["value"]) for f in message["embeds"][0]["fields"]) < 1000
    assert "jb:tasks:paralegal" in custom_ids(message)  # the restart-proof buttons stay
    assert "jb:share:paralegal" not in custom_ids(message)  # already public: nothing to share


async def test_compare_shows_the_comparison_card(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(
        standin, await standin.slash_command("compare", {"first": "paralegal", "second": "registered nurse"})
    )
    attachment_of(await card_of(standin, reply), "paralegal-vs-registered-nurse.png")
    await standin.wait_for_request("POST", r"^/channels/\d+/threads$|^/channels/\d+/messages/\d+/threads$")


async def test_user_installed_compare_answers_inline(standin: DiscordStandIn, bot: JobBot) -> None:
    """Installed to the user's account, in a server the bot is not in: no thread, the breakdown inline."""
    payload = standin.build.slash_command("compare", {"first": "paralegal", "second": "registered nurse"})
    payload["authorizing_integration_owners"] = {"1": str(standin.user_id)}
    since = standin.mark()
    reply = await callback(standin, await standin.dispatch_interaction(payload))
    attachment_of(await card_of(standin, reply), "paralegal-vs-registered-nurse.png")
    notice = await standin.wait_for_request("POST", r"^/webhooks/\d+/[^/]+$", since=since)
    assert "installed to your account" in notice.json["content"]
    assert not standin.requests_matching("POST", r"threads$", since=since)


def context_menu(standin: DiscordStandIn, text: str, *, user_install: bool) -> dict[str, Any]:
    """A message command as Discord sends it; installed to a user, used in a DM: no guild, context 1."""
    target = standin.world.ids.next()
    message = {
        "id": str(target),
        "channel_id": str(standin.channel_id),
        "author": standin.world.user(standin.user_id),
        "content": text,
        "timestamp": "2026-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    }
    command = standin.world.commands[None]["Will AI replace this job?"]
    payload = standin.build.slash_command("job", {"title": "x"}, guild=not user_install)
    payload["data"] = {
        "id": command["id"],
        "name": command["name"],
        "type": 3,
        "target_id": str(target),
        "resolved": {"messages": {str(target): message}},
    }
    if user_install:
        payload["authorizing_integration_owners"] = {"1": str(standin.user_id)}
        payload["context"] = 1
    return payload


async def test_context_menu_answers_privately_with_share(standin: DiscordStandIn, bot: JobBot) -> None:
    payload = context_menu(standin, "will AI replace paralegals?", user_install=True)
    assert "guild_id" not in payload and payload["context"] == 1
    reply = await callback(standin, await standin.dispatch_interaction(payload))
    message = body(reply)
    assert message["flags"] & EPHEMERAL
    attachment_of(await card_of(standin, reply), "paralegal.png")
    assert "jb:share:paralegal" in custom_ids(message)

    shared = await callback(standin, await standin.component("jb:share:paralegal"))
    assert not (body(shared).get("flags") or 0) & EPHEMERAL
    attachment_of(shared, "paralegal.png")  # drawn for the private answer: public with its first response


async def test_context_menu_on_a_message_without_text(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.dispatch_interaction(context_menu(standin, "", user_install=False)))
    assert body(reply)["flags"] & EPHEMERAL and "no text" in body(reply)["content"]


async def test_personalised_result_is_shared_as_its_card(standin: DiscordStandIn, bot: JobBot) -> None:
    await callback(standin, await standin.slash_command("job", {"title": "paralegal"}))
    await callback(standin, await standin.component("jb:personal:paralegal"))
    mine = await callback(standin, await standin.component("jbs:focus:paralegal", component_type=3, values=["0", "3"]))
    message = body(mine)
    assert message["flags"] & EPHEMERAL
    attachment_of(mine, "paralegal-personal.png")
    assert "jb:share:paralegal:f0.3" in custom_ids(message)

    shared = await callback(standin, await standin.component("jb:share:paralegal:f0.3"))
    assert not (body(shared).get("flags") or 0) & EPHEMERAL
    assert body(shared)["embeds"][0]["title"].startswith("Your Paralegal")
    attachment_of(await card_of(standin, shared), "paralegal-personal.png")  # personal cards are never cached


async def test_picking_a_candidate_edits_in_the_card(standin: DiscordStandIn, bot: JobBot) -> None:
    reply = await callback(standin, await standin.slash_command("job", {"title": "engineer"}))
    select = body(reply)["components"][0]["components"][0]
    pick = next(o for o in select["options"] if not o["value"].startswith("soc:"))
    chosen = await callback(
        standin, await standin.component(select["custom_id"], component_type=3, values=[pick["value"]])
    )
    assert chosen.json["type"] == 7
    assert chosen.files and chosen.files[0].filename.endswith(".png")
    assert body(chosen)["embeds"][0]["image"]["url"] == f"attachment://{chosen.files[0].filename}"


async def test_commands_install_to_servers_and_users(standin: DiscordStandIn, bot: JobBot) -> None:
    commands = standin.world.commands[None]
    for command in commands.values():
        assert sorted(command["integration_types"]) == [0, 1]
        assert sorted(command["contexts"]) == [0, 1, 2]
    assert commands["Will AI replace this job?"]["type"] == 3


async def test_an_answer_does_not_wait_for_its_card(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card still to draw follows the answer: the text goes first, whole, and an edit puts the card in."""
    release = threading.Event()
    draw = Cards._draw

    def slow(self: Cards, *args: Any) -> Any:
        assert release.wait(10)
        return draw(self, *args)

    monkeypatch.setattr(Cards, "_draw", slow)
    reply = await callback(standin, await standin.slash_command("job", {"title": "actuary"}))
    assert not reply.files  # sent while the card was still being drawn
    first = body(reply)["embeds"][0]
    assert "image" not in first and "How the time splits" in [f["name"] for f in first["fields"]]
    assert not standin.requests_matching("PATCH", r"/messages/@original$")

    release.set()
    edit = await card_of(standin, reply)
    attachment_of(edit, "actuary.png")
    names = [f["name"] for f in body(edit)["embeds"][0]["fields"]]
    assert "How the time splits" not in names and "Most exposed tasks" in names  # the card carries the split
    assert "jb:tasks:actuary" in custom_ids(stored(standin, edit))  # the edit keeps the buttons

    again = await callback(standin, await standin.slash_command("job", {"title": "actuary"}))
    attachment_of(again, "actuary.png")  # drawn once: the next answer carries it in its first response


async def test_a_card_that_fails_leaves_the_whole_text_answer(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Cards, *args: Any) -> Any:
        raise OSError("font file gone")

    monkeypatch.setattr(Cards, "_draw", broken)
    failures = metrics.ERRORS.labels(kind="card")._value.get()
    reply = await callback(standin, await standin.slash_command("job", {"title": "astronomer"}))
    assert "How the time splits" in [f["name"] for f in body(reply)["embeds"][0]["fields"]]
    await standin.wait_until(
        lambda: metrics.ERRORS.labels(kind="card")._value.get() > failures or None, timeout=5, what="the failure"
    )
    assert not standin.requests_matching("PATCH", r"/messages/@original$")


async def test_cards_past_the_backlog_are_skipped(
    standin: DiscordStandIn, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When cards pile up faster than they are drawn, new answers go out as text instead of queueing a card."""
    monkeypatch.setattr(pictures, "BACKLOG_MAX", 0)
    skipped = metrics.ERRORS.labels(kind="card_skipped")._value.get()
    reply = await callback(standin, await standin.slash_command("job", {"title": "zoologist"}))
    assert not reply.files and body(reply)["embeds"]
    await standin.wait_until(
        lambda: metrics.ERRORS.labels(kind="card_skipped")._value.get() > skipped or None, timeout=5, what="the skip"
    )
    assert not standin.requests_matching("PATCH", r"/messages/@original$")


def test_the_draw_budget_refills_with_time_and_caps_bursts() -> None:
    budget = pictures.DrawBudget(share=0.5, burst=0.2)
    assert budget.allows()
    budget.spend(0.5)  # one long drawing overdraws it by 0.3 s
    assert not budget.allows()
    time.sleep(0.2)  # 0.1 s back at half the wall-clock time: still 0.2 s owed
    assert not budget.allows()
    time.sleep(0.5)
    assert budget.allows()
    time.sleep(0.6)
    budget.spend(0.19)  # a quiet spell refills at most `burst`
    assert budget.allows()
    budget.spend(0.02)
    assert not budget.allows()
