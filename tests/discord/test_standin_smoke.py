"""Smoke tests: an unmodified discord.py client talking to the local Discord stand-in.

The client here is a minimal one defined in this file; the project's bot gets its own tests.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.standin import DiscordStandIn, GuildSpec, RecordedRequest, run_client, running_standin

pytestmark = pytest.mark.asyncio

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
FOLLOWUP = r"^/webhooks/\d+/[^/]+$"


@dataclass
class Seen:
    """What the minimal bot observed, for assertions."""

    messages: list[discord.Message] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    resumed: asyncio.Event = field(default_factory=asyncio.Event)
    slow_delay: float = 0.0


class AgainView(discord.ui.View):
    @discord.ui.button(label="Again", custom_id="smoke:again", style=discord.ButtonStyle.primary)
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button[AgainView]) -> None:
        await interaction.response.edit_message(content="clicked", view=None)

    @discord.ui.button(label="Later", custom_id="smoke:later")
    async def later(self, interaction: discord.Interaction, button: discord.ui.Button[AgainView]) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="edited later")


class FeedbackModal(discord.ui.Modal, title="Tell us about your job"):
    job: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Job title", custom_id="job")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks, {self.job.value}", ephemeral=True)


def make_client(seen: Seen, *, sharded: bool = False) -> discord.Client:
    """A minimal app-command client with the settings tests need (fast ready, no pings)."""
    options: dict[str, Any] = {
        "intents": discord.Intents.default(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "guild_ready_timeout": 0.05,
    }
    client: discord.Client = discord.AutoShardedClient(**options) if sharded else discord.Client(**options)
    tree = app_commands.CommandTree(client)

    @tree.command(description="Say hello with an embed and a button")
    async def hello(interaction: discord.Interaction, who: str = "world") -> None:
        embed = discord.Embed(title=f"Hello {who}", description="from the stand-in")
        await interaction.response.send_message(embed=embed, view=AgainView())

    @tree.command(description="Pick a job")
    async def pick(interaction: discord.Interaction, job: str) -> None:
        await interaction.response.send_message(f"picked {job}")

    @pick.autocomplete("job")
    async def pick_job(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        jobs = ["nurse", "network engineer", "novelist", "welder"]
        return [app_commands.Choice(name=j, value=j) for j in jobs if j.startswith(current)]

    @tree.command(description="Reply with an embed Discord refuses")
    async def big(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=discord.Embed(description="x" * 4097))

    @tree.command(description="Reply too late")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(seen.slow_delay)
        await interaction.response.send_message("finally")

    @tree.command(description="Defer, then follow up")
    async def later(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done")

    @tree.command(description="Ask for feedback in a modal")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal(custom_id="smoke:feedback"))

    @tree.command(description="Defer, wait, then follow up")
    async def sleepy(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await asyncio.sleep(seen.slow_delay)
        await interaction.followup.send("too late")

    @tree.command(description="Reply and open a thread on the reply")
    async def discuss(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("let's talk")
        message = await interaction.original_response()
        await message.create_thread(name="discussion")

    @tree.error
    async def on_tree_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        seen.errors.append(error.__cause__ or error)

    async def setup_hook() -> None:
        await tree.sync()

    async def on_message(message: discord.Message) -> None:
        seen.messages.append(message)
        if message.guild is None and message.author != client.user:
            await message.channel.send(f"pong <@{message.author.id}>")

    async def on_resumed() -> None:
        seen.resumed.set()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    client.event(on_message)
    client.event(on_resumed)
    return client


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with running_standin() as s:
        yield s


@pytest.fixture
async def seen() -> Seen:
    return Seen()


@pytest.fixture
async def client(standin: DiscordStandIn, seen: Seen) -> AsyncIterator[discord.Client]:
    async with run_client(make_client(seen), standin) as c:
        yield c


def callback_type(request: RecordedRequest) -> int:
    return int(request.json["type"])


async def test_connects_and_sees_guild(standin: DiscordStandIn, client: discord.Client) -> None:
    guild = client.get_guild(standin.guild_id)
    assert guild is not None and not guild.unavailable
    assert guild.get_channel(standin.channel_id) is not None
    assert client.user is not None and client.user.id == standin.bot_user_id
    assert len(standin.identifies) == 1 and standin.connections[0].compression is None
    synced = await standin.wait_for_request("PUT", rf"^/applications/{standin.application_id}/commands$")
    assert synced.status == 200
    assert {c["name"] for c in synced.json} >= {"hello", "pick", "big"}


async def test_slash_command_embed_view_and_button(standin: DiscordStandIn, client: discord.Client) -> None:
    command = await standin.slash_command("hello", {"who": "Ada"})
    reply = await standin.wait_for_callback(command)
    assert reply.status == 200 and callback_type(reply) == 4
    assert reply.json["data"]["embeds"][0]["title"] == "Hello Ada"
    assert reply.json["data"]["allowed_mentions"] == {"parse": []}
    button = reply.json["data"]["components"][0]["components"][0]
    assert button["custom_id"] == "smoke:again"

    click = await standin.component("smoke:again")
    update = await standin.wait_for_callback(click)
    assert update.status == 200 and callback_type(update) == 7
    message = standin.world.messages[int(reply.response["interaction"]["response_message_id"])]
    assert message["content"] == "clicked" and message["components"] == []


async def test_deferred_component_update_then_edit(standin: DiscordStandIn, client: discord.Client) -> None:
    reply = await standin.wait_for_callback(await standin.slash_command("hello"))
    click = await standin.component("smoke:later")
    deferred = await standin.wait_for_callback(click)
    assert deferred.status == 200 and callback_type(deferred) == 6
    edit = await standin.wait_for_request("PATCH", r"/messages/@original$")
    assert edit.status == 200 and edit.response["id"] == reply.response["interaction"]["response_message_id"]
    assert edit.response["content"] == "edited later"


async def test_modal_round_trip(standin: DiscordStandIn, client: discord.Client) -> None:
    opened = await standin.wait_for_callback(await standin.slash_command("feedback"))
    assert opened.status == 200 and callback_type(opened) == 9
    assert opened.json["data"]["title"] == "Tell us about your job"
    submitted = await standin.modal_submit("smoke:feedback", {"job": "welder"})
    thanks = await standin.wait_for_callback(submitted)
    assert thanks.status == 200 and thanks.json["data"]["content"] == "thanks, welder"
    assert thanks.response["interaction"]["response_message_ephemeral"] is True


async def test_autocomplete_returns_choices(standin: DiscordStandIn, client: discord.Client) -> None:
    request = await standin.autocomplete("pick", {"job": "n"}, focused="job")
    answer = await standin.wait_for_callback(request)
    assert answer.status == 200 and callback_type(answer) == 8
    assert [c["name"] for c in answer.json["data"]["choices"]] == ["nurse", "network engineer", "novelist"]


async def test_oversized_embed_is_rejected_like_discord(
    standin: DiscordStandIn, client: discord.Client, seen: Seen
) -> None:
    command = await standin.slash_command("big")
    reply = await standin.wait_for_callback(command)
    assert reply.status == 400 and reply.code == 50035
    assert "description" in reply.response["errors"]["data"]["embeds"]["0"]
    await standin.wait_until(lambda: seen.errors, timeout=2.0, what="the bot's error handler")
    assert isinstance(seen.errors[0], discord.HTTPException) and seen.errors[0].code == 50035


async def test_callback_after_deadline_is_unknown_interaction(
    standin: DiscordStandIn, client: discord.Client, seen: Seen
) -> None:
    standin.callback_deadline = 0.1
    seen.slow_delay = 0.25
    command = await standin.slash_command("slow")
    reply = await standin.wait_for_callback(command)
    assert reply.status == 404 and reply.code == 10062
    await standin.wait_until(lambda: seen.errors, timeout=2.0, what="the bot's error handler")
    assert isinstance(seen.errors[0], discord.NotFound)


async def test_second_callback_for_one_interaction_is_rejected(standin: DiscordStandIn, client: discord.Client) -> None:
    command = await standin.slash_command("pick", {"job": "welder"})
    await standin.wait_for_callback(command)
    await standin.dispatch("INTERACTION_CREATE", command.payload)  # Discord re-delivering the event
    second = await standin.wait_for_request("POST", CALLBACK, predicate=lambda r: r.status != 200)
    assert second.status == 400 and second.code == 40060
    assert len(standin.requests_matching("POST", rf"^/interactions/{command.id}/")) == 2


async def test_rate_limited_followup_is_retried(standin: DiscordStandIn, client: discord.Client) -> None:
    fault = standin.fail_next("POST", FOLLOWUP, status=429, retry_after=0.2)
    command = await standin.slash_command("later")
    done = await standin.wait_for_request("POST", FOLLOWUP, status=200)
    assert fault.times == 0 and fault.hits[0].status == 429
    assert done.at - fault.hits[0].at >= 0.2
    assert done.json["content"] == "done"
    original = standin.world.messages[standin.interaction(command.id).original_message_id or 0]
    assert original["content"] == "done" and not original["flags"] & 128  # the deferral was filled in


async def test_server_error_is_retried(standin: DiscordStandIn, client: discord.Client) -> None:
    fault = standin.fail_next("POST", r"^/channels/\d+/messages$", status=500)
    await standin.message_create("hello?", dm=True)
    sent = await standin.wait_for_request("POST", r"^/channels/\d+/messages$", status=200, timeout=4.0)
    assert fault.hits[0].status == 500 and sent.at > fault.hits[0].at  # discord.py waits 1 s, then retries


async def test_followup_after_token_expiry_is_refused(
    standin: DiscordStandIn, client: discord.Client, seen: Seen
) -> None:
    standin.token_lifetime = 0.1
    seen.slow_delay = 0.2
    await standin.slash_command("sleepy")
    late = await standin.wait_for_request("POST", FOLLOWUP)
    assert late.status == 401 and late.code == 50027
    await standin.wait_until(lambda: seen.errors, timeout=2.0, what="the bot's error handler")


async def test_dropped_connection_resumes_and_replays(
    standin: DiscordStandIn, client: discord.Client, seen: Seen
) -> None:
    assert await standin.drop_connection() == 1
    command = await standin.slash_command("pick", {"job": "nurse"})  # sent while the client is away
    resume = await standin.wait_for_resume()
    assert resume.path == "/resume" and resume.data["session_id"] in standin.sessions
    reply = await standin.wait_for_callback(command)
    assert reply.status == 200 and reply.json["data"]["content"] == "picked nurse"
    await asyncio.wait_for(seen.resumed.wait(), 2.0)
    session = standin.sessions[resume.data["session_id"]]
    replayed = [f for f in session.history if f["t"] == "INTERACTION_CREATE"]
    assert replayed[-1]["s"] > resume.data["seq"]  # the client had not seen it before resuming
    assert len(standin.identifies) == 1


async def test_reconnect_opcode_leads_to_resume(standin: DiscordStandIn, client: discord.Client) -> None:
    await standin.send_reconnect()
    await standin.wait_for_resume()
    command = await standin.slash_command("hello")
    assert (await standin.wait_for_callback(command)).status == 200
    assert len(standin.identifies) == 1


async def test_invalid_session_leads_to_new_identify(standin: DiscordStandIn, client: discord.Client) -> None:
    await standin.send_invalid_session(resumable=False)
    await standin.wait_for_identify(2)
    await standin.wait_until(lambda: len(standin.sessions) == 1 and client.is_ready(), timeout=3.0, what="re-ready")
    command = await standin.slash_command("hello")
    assert (await standin.wait_for_callback(command, timeout=3.0)).status == 200


async def test_zlib_stream_compressed_session(seen: Seen) -> None:
    if discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE != "zlib-stream":
        pytest.skip("discord.py found a zstd module and asks for zstd-stream, which the stand-in answers uncompressed")
    async with (
        running_standin(compress=True, heartbeat_interval=100) as standin,
        run_client(make_client(seen), standin),
    ):
        assert standin.connections[0].compression == "zlib-stream"
        command = await standin.slash_command("hello", {"who": "zlib"})
        assert (await standin.wait_for_callback(command)).status == 200
        await standin.wait_until(lambda: standin.connections[0].heartbeats >= 3, timeout=2.0, what="heartbeats")


async def test_dm_message_reaches_on_message(standin: DiscordStandIn, client: discord.Client, seen: Seen) -> None:
    delivered = await standin.message_create("hi bot", dm=True)
    assert delivered is not None
    reply = await standin.wait_for_request("POST", r"^/channels/\d+/messages$")
    assert seen.messages[0].content == "hi bot" and seen.messages[0].guild is None
    assert reply.status == 200 and reply.path == f"/channels/{delivered['channel_id']}/messages"
    assert reply.response["mentions"] == []  # AllowedMentions.none(): nobody pinged


async def test_guild_message_content_needs_intent(standin: DiscordStandIn, client: discord.Client, seen: Seen) -> None:
    plain = await standin.message_create("no intent, no content")
    mention = await standin.message_create("but mentions are exempt", mention_bot=True)
    assert plain is not None and plain["content"] == ""
    assert mention is not None and mention["content"].endswith("but mentions are exempt")
    await standin.wait_until(lambda: len(seen.messages) >= 2, timeout=2.0, what="two messages")
    assert [m.content for m in seen.messages] == [plain["content"], mention["content"]]


async def test_thread_on_interaction_reply(standin: DiscordStandIn, client: discord.Client) -> None:
    command = await standin.slash_command("discuss")
    created = await standin.wait_for_request("POST", r"^/channels/\d+/messages/\d+/threads$")
    assert created.status == 201 and created.json["name"] == "discussion"
    assert created.response["id"] == str(standin.interaction(command.id).original_message_id)
    assert standin.requests_matching("GET", r"/messages/@original$")[0].status == 200


async def test_auto_sharded_client_uses_gateway_bot(seen: Seen) -> None:
    guilds = [GuildSpec(name="even", id=(1 << 40) | (2 << 22)), GuildSpec(name="odd", id=(1 << 40) | (3 << 22))]
    async with running_standin(guilds=guilds, shard_count=2) as standin:
        async with run_client(make_client(seen, sharded=True), standin) as client:
            assert sorted(op.data["shard"] for op in standin.identifies) == [[0, 2], [1, 2]]
            assert {g.name for g in client.guilds} == {"even", "odd"}
            command = await standin.slash_command(
                "hello", channel_id=standin.world.guilds[guilds[1].id or 0].channel_ids[0]
            )
            assert (await standin.wait_for_callback(command)).status == 200
        assert standin.requests_matching("GET", r"^/gateway/bot$")


def row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


LINK = {"type": 2, "style": 5, "url": "https://example.invalid"}
OPTION = {"label": "a", "value": "a"}
LIMIT_CASES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("content", {"content": "x" * 2001}, ("content",)),
    ("embeds", {"embeds": [{"title": "t"}] * 11}, ("embeds",)),
    ("title", {"embeds": [{"title": "x" * 257}]}, ("embeds", "0", "title")),
    ("fields", {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, ("embeds", "0", "fields")),
    ("field value", {"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}, ("embeds", "0", "fields")),
    ("footer", {"embeds": [{"footer": {"text": "f" * 2049}}]}, ("embeds", "0", "footer")),
    ("author", {"embeds": [{"author": {"name": "a" * 257}}]}, ("embeds", "0", "author")),
    ("total", {"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}, ("embeds",)),
    ("row width", {"components": [row(*[LINK] * 6)]}, ("components", "0")),
    ("rows", {"components": [row(LINK)] * 6}, ("components",)),
    ("custom_id", {"components": [row({"type": 2, "style": 1, "custom_id": "c" * 101})]}, ("components", "0")),
    ("label", {"components": [row({"type": 2, "style": 1, "custom_id": "b", "label": "l" * 81})]}, ("components", "0")),
    ("select", {"components": [row({"type": 3, "custom_id": "s", "options": [OPTION] * 26})]}, ("components", "0")),
]


@pytest.mark.parametrize(("case", "body", "path"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES])
async def test_message_limits(standin: DiscordStandIn, case: str, body: dict[str, Any], path: tuple[str, ...]) -> None:
    url = f"{standin.base_url}/channels/{standin.channel_id}/messages"
    headers = {"Authorization": f"Bot {standin.token}"}
    async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers) as response:
        assert response.status == 400 and response.headers["Content-Type"] == "application/json"
        answer = await response.json()
    assert answer["code"] == 50035
    node = answer["errors"]
    for key in path:
        node = node[key]
    async with aiohttp.ClientSession() as http, http.post(url, json={"content": "ok"}, headers=headers) as response:
        assert response.status == 200
