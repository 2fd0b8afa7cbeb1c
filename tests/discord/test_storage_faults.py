"""Votes across processes and through failures: two shards on one PostgreSQL, a bot killed mid-burst,
a database stopped and started again during a burst."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.frontends.discord.cogs.community import PULSE_FIELD, UNAVAILABLE, VOTE_UNAVAILABLE
from bot.storage.pulse import Counts
from bot.storage.schema import pulse_votes
from bot.storage.store import Store
from tests.discord.botproc import TOKEN, BotProcess, bot_process
from tests.discord.conftest import Factory
from tests.discord.test_bot import body, callback
from tests.standin import DiscordStandIn, InteractionRecord, RecordedRequest, run_client, running_standin
from tests.standin.world import GuildSpec
from tests.storage.postgres import Cluster

VOTE = "jbc:vote:paralegal"
SHARD_GUILDS = (2 << 22, 3 << 22)  # (id >> 22) % 2: shard 0 and shard 1


async def migrated(url: str) -> Store:
    store = Store(url)
    await store.upgrade()
    return store


async def voters(store: Store) -> set[int]:
    async with store.engine.connect() as conn:
        return set((await conn.execute(select(pulse_votes.c.user_id))).scalars())


def reply_text(request: RecordedRequest) -> str:
    return str(body(request).get("content") or "")


async def post_summary(standin: DiscordStandIn, channel_id: int | None = None) -> int:
    """Posts /job paralegal; returns the message id the pulse menu hangs under."""
    record = await standin.slash_command("job", {"title": "paralegal"}, channel_id=channel_id)
    reply = await callback(standin, record)
    return int(reply.response["resource"]["message"]["id"])


async def settle(standin: DiscordStandIn, records: list[InteractionRecord], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not all(r.acknowledged for r in records) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


def acknowledged_votes(standin: DiscordStandIn, records: list[InteractionRecord]) -> set[int]:
    """The users the bot told "Thanks!": each of these votes must be in the database."""
    thanked = set()
    for request in standin.requests_matching("POST", r"^/interactions/\d+/[^/]+/callback$"):
        if request.status == 200 and "Thanks!" in reply_text(request):
            thanked.add(int(request.path.split("/")[2]))
    by_id = {r.id: r.user_id for r in records}
    return {by_id[i] for i in thanked if i in by_id}


@pytest.fixture
async def standin_slow() -> AsyncIterator[DiscordStandIn]:
    async with running_standin(token=TOKEN, callback_deadline=10.0) as s:
        yield s


async def test_two_bot_processes_on_two_shards_count_together(postgres: Cluster, pg_url: str) -> None:
    store = await migrated(pg_url)
    guilds = [GuildSpec(name=f"shard {n}", id=gid) for n, gid in enumerate(SHARD_GUILDS)]
    async with (
        running_standin(token=TOKEN, shard_count=2, guilds=guilds, callback_deadline=10.0) as standin,
        bot_process(standin, pg_url, shard=(0, 2)),
        bot_process(standin, pg_url, shard=(1, 2)),
    ):
        channels = [standin.world.guilds[gid].channel_ids[0] for gid in SHARD_GUILDS]
        messages = [await post_summary(standin, channel) for channel in channels]
        records = [
            await standin.component(
                VOTE, component_type=3, values=[str(u % 4)], user_id=70_000 + u, message_id=messages[u % 2]
            )
            for u in range(400)
        ]
        await settle(standin, records, 30)
        assert len(acknowledged_votes(standin, records)) == 400
        answered_by = {int(r.path.split("/")[2]) for r in standin.requests_matching("POST", r"callback$")}
        assert {r.id for r in records} <= answered_by
    pulse = await store.pulse("paralegal", SHARD_GUILDS[1])
    assert pulse.everyone == Counts((100, 100, 100, 100))
    assert pulse.server == Counts((0, 100, 0, 100))  # odd users voted in the shard-1 guild
    await store.close()


async def test_a_bot_killed_mid_burst_loses_no_acknowledged_vote(
    standin_slow: DiscordStandIn, database_url: str
) -> None:
    standin = standin_slow
    store = await migrated(database_url)
    first = BotProcess(standin, database_url, None)
    await first.start()
    message = await post_summary(standin)
    records: list[InteractionRecord] = []
    for u in range(300):
        records.append(
            await standin.component(VOTE, component_type=3, values=[str(u % 4)], user_id=90_000 + u, message_id=message)
        )
        await asyncio.sleep(0.002)
    first.kill()  # mid-burst: many of those votes are still in flight
    second = BotProcess(standin, database_url, None)
    await second.start()
    try:
        after = [
            await standin.component(VOTE, component_type=3, values=["2"], user_id=95_000 + u, message_id=message)
            for u in range(200)
        ]
        await settle(standin, after, 20)
    finally:
        second.kill()
    thanked = acknowledged_votes(standin, records + after)
    stored = await voters(store)
    assert thanked <= stored, f"acknowledged but lost: {sorted(thanked - stored)[:10]}"
    assert {r.user_id for r in after} <= thanked  # the restarted bot took every later vote
    assert len(thanked & {r.user_id for r in records}) > 0
    await store.close()


async def test_database_stopped_and_started_during_a_burst(postgres: Cluster, pg_url: str, make_bot: Factory) -> None:
    """Answers keep flowing while PostgreSQL is down; votes say the pulse is unavailable, then work again."""
    store = await migrated(pg_url)
    store.timeout = 1.0
    store.pulses.ttl = 0.0  # every summary reads the pulse, so the outage shows (cached figures would hide it)
    async with running_standin(token=TOKEN) as standin, run_client(make_bot(store=store), standin):
        message = await post_summary(standin)
        jobs: list[tuple[float, InteractionRecord]] = []
        votes: list[tuple[float, InteractionRecord]] = []
        started = time.monotonic()
        outage: asyncio.Task[Any] | None = None
        restarted_at = float("inf")

        async def stop_then_start() -> None:
            nonlocal restarted_at
            await asyncio.to_thread(postgres.stop)
            await asyncio.sleep(1.5)
            await asyncio.to_thread(postgres.start)
            restarted_at = time.monotonic()

        for n in range(300):  # about 60 interactions a second for 5 s
            now = time.monotonic()
            if outage is None and now - started > 1.0:
                outage = asyncio.create_task(stop_then_start())
            if n % 2:
                jobs.append((now, await standin.slash_command("job", {"title": "paralegal"}, user_id=60_000 + n)))
            else:
                values = [str(n % 4)]
                record = await standin.component(
                    VOTE, component_type=3, values=values, user_id=60_000 + n, message_id=message
                )
                votes.append((now, record))
            await asyncio.sleep(max(0.0, started + (n + 1) / 60 - time.monotonic()))
        assert outage is not None
        await outage
        late = [
            (
                time.monotonic(),
                await standin.component(VOTE, component_type=3, values=["3"], user_id=61_000 + u, message_id=message),
            )
            for u in range(20)
        ]
        votes += late
        await settle(standin, [r for _, r in jobs + votes], 15)
        job_replies = [body(await callback(standin, r)) for _, r in jobs]
        assert all(m["embeds"][0]["title"].startswith("Paralegal") for m in job_replies)  # no answer lost
        fields = [
            next((f["value"] for f in m["embeds"][0]["fields"] if f["name"] == PULSE_FIELD), "") for m in job_replies
        ]
        assert UNAVAILABLE in fields  # the summary said so while the database was down
        texts = [(at, reply_text(await callback(standin, r))) for at, r in votes]
        assert all(t.startswith("Thanks!") or t == VOTE_UNAVAILABLE for _, t in texts), texts
        assert any(t == VOTE_UNAVAILABLE for _, t in texts)
        assert all(t.startswith("Thanks!") for at, t in texts if at > restarted_at + 1.0)  # votes resumed
        assert all(t.startswith("Thanks!") for _, t in texts[-20:])
        thanked = acknowledged_votes(standin, [r for _, r in votes])
    assert thanked <= await voters(store)
    await store.close()
