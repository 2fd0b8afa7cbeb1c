"""`jobbot run` ends every startup failure with one line on stderr and its own exit code, never a traceback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.frontends.discord import launcher
from bot.storage.store import Store
from tests.discord.conftest import TOKEN
from tests.standin import DiscordStandIn, point_discord_at


@pytest.fixture
def threaded_standin() -> Iterator[DiscordStandIn]:
    """A stand-in on its own loop and thread, so launch() can run its own asyncio.run like `jobbot run`."""
    loop = asyncio.new_event_loop()
    standin = DiscordStandIn(token=TOKEN)
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(standin.start(), loop).result(10)
    try:
        with point_discord_at(standin):
            yield standin
    finally:
        asyncio.run_coroutine_threadsafe(standin.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "jobbot.sqlite3"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(launcher, "STARTUP_TIMEOUT", 3.0)

    async def migrate() -> None:  # a bot starts only on a current schema: these tests are about Discord
        store = Store.from_settings()
        try:
            await store.upgrade()
        finally:
            await store.close()

    asyncio.run(migrate())
    return monkeypatch


def _close_identify_with(standin: DiscordStandIn, code: int) -> None:
    async def refuse(conn: Any, data: Any) -> None:
        await conn.ws.close(code=code, message=b"refused by the test")

    standin.gateway._identify = refuse  # type: ignore[method-assign]


def _one_line(err: str) -> str:
    """The reason is one plain line; the rest of stderr is the JSON log, without tracebacks or the token."""
    reasons = [line for line in err.splitlines() if line.startswith("jobbot: ")]
    plain = [line for line in err.splitlines() if not line.startswith("{")]
    assert plain == reasons and len(reasons) == 1, err
    assert TOKEN not in err
    return reasons[0]


def test_rejected_token_on_login(threaded_standin: DiscordStandIn, env: pytest.MonkeyPatch, capsys: Any) -> None:
    threaded_standin.token = TOKEN.replace("standin", "another")
    assert launcher.launch() == launcher.TOKEN_REJECTED
    assert "rejected the token" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("code", "exit_code", "said"),
    [
        (4004, launcher.TOKEN_REJECTED, "close code 4004"),
        (4013, launcher.INTENTS_REFUSED, "close code 4013"),
        (4014, launcher.INTENTS_REFUSED, "close code 4014"),
    ],
)
def test_gateway_close_codes(
    threaded_standin: DiscordStandIn, env: pytest.MonkeyPatch, capsys: Any, code: int, exit_code: int, said: str
) -> None:
    _close_identify_with(threaded_standin, code)
    assert launcher.launch() == exit_code
    assert said in _one_line(capsys.readouterr().err)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_gateway(threaded_standin: DiscordStandIn, env: pytest.MonkeyPatch, capsys: Any) -> None:
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{_closed_port()}/gateway")
    assert launcher.launch() == launcher.UNREACHABLE
    assert "Discord gateway" in _one_line(capsys.readouterr().err)


def test_unreachable_discord(env: pytest.MonkeyPatch, capsys: Any) -> None:
    env.setattr(Route, "BASE", f"http://127.0.0.1:{_closed_port()}/api/v10")
    assert launcher.launch() == launcher.UNREACHABLE
    assert "could not reach Discord" in _one_line(capsys.readouterr().err)


def test_env_file_that_is_not_utf8(env: pytest.MonkeyPatch, tmp_path: Path, capsys: Any) -> None:
    env.delenv("DISCORD_TOKEN")
    (tmp_path / ".env").write_bytes(b"DISCORD_TOKEN=caf\xe9\xff\n")
    assert launcher.launch() == launcher.CONFIG_ERROR
    assert "save it as UTF-8" in _one_line(capsys.readouterr().err)
