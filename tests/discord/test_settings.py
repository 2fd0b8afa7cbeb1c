"""Configuration: clear one-line failures, no secret ever printed, sharding options honoured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.answer.engine import Engine
from bot.frontends.discord.client import ShardedJobBot
from bot.frontends.discord.launcher import build_bot, load_settings
from bot.frontends.discord.settings import BotSettings
from tests.discord.conftest import TOKEN
from tests.standin import run_client, running_standin

ENV_KEYS = ("DISCORD_TOKEN", "DEV_GUILD_IDS", "LOG_LEVEL", "SHARD_COUNT", "SHARD_IDS")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return monkeypatch


REPO = Path(__file__).resolve().parents[2]


def run_jobbot(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    clean["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "bot.frontends.cli", "run"],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = run_jobbot({}, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "DISCORD_TOKEN" in done.stderr and "missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_token_is_rejected_without_echoing_it(tmp_path: Path) -> None:
    secret = "not-a-real-token-but-still-secret-8d7f6"
    done = run_jobbot({"DISCORD_TOKEN": secret}, tmp_path)
    assert done.returncode == 2
    assert "DISCORD_TOKEN" in done.stderr
    assert secret not in done.stderr + done.stdout


def test_settings_read_dotenv_and_lists(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nDEV_GUILD_IDS=1, 2,3\nSHARD_COUNT=4\nSHARD_IDS=0,2\n")
    settings = load_settings()
    assert settings is not None
    assert settings.dev_guild_ids == [1, 2, 3]
    assert (settings.shard_count, settings.shard_ids) == (4, [0, 2])
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"SHARD_IDS": "0,1"}, "SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,5"}, "between 0"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ],
)
def test_bad_settings_are_named(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], env: dict[str, str], problem: str
) -> None:
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    for key, value in env.items():
        clean_env.setenv(key, value)
    assert load_settings() is None
    err = capsys.readouterr().err
    assert problem in err and TOKEN not in err


def test_shard_settings_select_the_sharded_bot(engine: Engine) -> None:
    settings = BotSettings(discord_token=TOKEN, shard_count=4, shard_ids=[1, 3])  # type: ignore[arg-type]
    bot = build_bot(settings, engine, sync=False)
    assert isinstance(bot, ShardedJobBot)
    assert (bot.shard_count, bot.shard_ids) == (4, [1, 3])


async def test_sharded_bot_answers_through_the_stand_in(engine: Engine) -> None:
    async with running_standin(token=TOKEN, shard_count=2) as standin:
        bot: Any = ShardedJobBot(engine, shard_count=2, guild_ready_timeout=0.05)
        async with run_client(bot, standin):
            await bot.tree.sync()
            interaction = await standin.slash_command("job", {"title": "plumber"})
            reply = await standin.wait_for_callback(interaction)
            assert reply.status == 200
            assert reply.json["data"]["embeds"][0]["title"].startswith("Plumber")
            assert len(standin.identifies) == 2


async def test_sync_command_registers_slash_commands_and_exits(engine: Engine) -> None:
    from bot.frontends.discord.launcher import _sync_only

    async with running_standin(token=TOKEN) as standin:
        settings = BotSettings(discord_token=TOKEN, dev_guild_ids=[standin.guild_id])  # type: ignore[arg-type]
        bot = build_bot(settings, engine, sync=False)
        await _sync_only(bot, TOKEN)
        put = standin.requests_matching("PUT", rf"^/applications/\d+/guilds/{standin.guild_id}/commands$")
        assert put and put[0].status == 200
        names = {c["name"] for c in put[0].json}
        assert names == {
            "job",
            "tasks",
            "careers",
            "faq",
            "ask",
            "methodology",
            "about",
            "compare",
            "myjob",
            "forget-me",
            "Will AI replace this job?",
        }
        assert not standin.identifies  # syncing never connects to the gateway
