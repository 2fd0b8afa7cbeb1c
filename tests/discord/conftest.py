"""Runs the real jobbot Discord client against the local stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.answer.engine import Engine
from bot.frontends.discord.client import JobBot
from tests.standin import DiscordStandIn, run_client, running_standin

TOKEN = "MTIzNDU2Nzg5MDEy.GabcDE.standin-token-for-tests-only-xyz"

Factory = Callable[..., Any]


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with running_standin(token=TOKEN) as s:
        yield s


@pytest.fixture
def make_bot(engine: Engine) -> Factory:
    def build(**options: Any) -> JobBot:
        options.setdefault("cooldown", (100, 60.0))
        return JobBot(engine, guild_ready_timeout=0.05, **options)

    return build


@pytest.fixture
async def bot(standin: DiscordStandIn, make_bot: Factory) -> AsyncIterator[JobBot]:
    async with run_client(make_bot(), standin) as client:
        await client.tree.sync()
        yield client
