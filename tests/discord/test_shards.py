"""`jobbot run --shards N --processes P`: the split of shard ids, the children's settings, the supervisor that
starts and stops them together, and two shard processes' worth of bots on one stand-in."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.answer.engine import Engine
from bot.frontends import cli
from bot.frontends.discord import launcher
from bot.frontends.discord.client import ShardedJobBot
from bot.frontends.discord.settings import BotSettings
from bot.frontends.discord.shards import Child, Supervisor, shard_children, split_shards, supervise
from tests.discord.conftest import TOKEN
from tests.standin import GuildSpec, run_client, running_standin

SHARD_GUILDS = (2 << 22, 3 << 22)  # (id >> 22) % 2: shard 0 and shard 1


@pytest.mark.parametrize(
    ("count", "processes", "expected"),
    [
        (1, 1, [[0]]),
        (2, 2, [[0], [1]]),
        (4, 2, [[0, 1], [2, 3]]),
        (5, 2, [[0, 1, 2], [3, 4]]),
        (7, 3, [[0, 1, 2], [3, 4], [5, 6]]),
    ],
)
def test_shards_split_into_contiguous_runs_that_differ_by_at_most_one(
    count: int, processes: int, expected: list[list[int]]
) -> None:
    assert split_shards(count, processes) == expected


@pytest.mark.parametrize(("count", "processes"), [(2, 3), (0, 1), (1, 0)])
def test_a_split_that_would_leave_a_process_idle_is_refused(count: int, processes: int) -> None:
    with pytest.raises(ValueError):
        split_shards(count, processes)


def test_children_get_their_shards_a_health_port_each_and_one_sync() -> None:
    environ = {"DISCORD_TOKEN": TOKEN, "SHARD_IDS": "9", "PATH": "/usr/bin"}
    children = shard_children(4, 2, sync=True, environ=environ, health_port=8080, python="/py")
    assert [(c.env["SHARD_COUNT"], c.env["SHARD_IDS"], c.env["HEALTH_PORT"]) for c in children] == [
        ("4", "0,1", "8080"),
        ("4", "2,3", "8081"),
    ]
    assert children[0].argv == ["/py", "-m", "bot.frontends.cli", "run", "--sync"]
    assert children[1].argv == ["/py", "-m", "bot.frontends.cli", "run"]
    assert all(c.env["DISCORD_TOKEN"] == TOKEN and c.env["PATH"] == "/usr/bin" for c in children)
    assert environ["SHARD_IDS"] == "9"  # the supervisor's own environment is left alone


def test_children_without_a_health_port_get_none() -> None:
    children = shard_children(2, 2, sync=False, environ={}, health_port=None)
    assert all("HEALTH_PORT" not in c.env for c in children)
    assert all("--sync" not in c.argv for c in children)


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_when_one_child_fails_the_others_are_stopped_and_its_code_returned(tmp_path: Path) -> None:
    started = tmp_path / "started"
    sleeper = Child(_python(f"import pathlib, time; pathlib.Path({str(started)!r}).touch(); time.sleep(600)"), {})
    wait = f"import pathlib, time\nwhile not pathlib.Path({str(started)!r}).exists(): time.sleep(0.01)\n"
    failing = Child(_python(wait + "raise SystemExit(3)"), {})
    supervisor = Supervisor([sleeper, failing])
    assert supervisor.run() == 3
    assert all(p.returncode is not None for p in supervisor.procs)
    assert supervisor.procs[0].returncode != 0  # stopped, not finished


def test_a_requested_stop_stops_every_child_and_is_not_a_failure(tmp_path: Path) -> None:
    marks = [tmp_path / "a", tmp_path / "b"]
    children = [
        Child(_python(f"import pathlib, time; pathlib.Path({str(m)!r}).touch(); time.sleep(600)"), {}) for m in marks
    ]
    supervisor = Supervisor(children)

    def stop_when_started() -> None:
        while not all(m.exists() for m in marks):
            threading.Event().wait(0.01)
        supervisor.stop()

    threading.Thread(target=stop_when_started, daemon=True).start()
    assert supervisor.run() == 0
    assert all(p.returncode is not None for p in supervisor.procs)


def test_supervise_restores_the_signal_handlers() -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    assert supervise([Child(_python("raise SystemExit(0)"), {})]) == 0
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


# ---------------------------------------------------------------------------------------------- the CLI
def test_run_parses_shards_and_processes() -> None:
    args = cli.build_parser().parse_args(["run", "--shards", "4", "--processes", "2", "--sync"])
    assert (args.shards, args.processes, args.sync) == (4, 2, True)
    plain = cli.build_parser().parse_args(["run"])
    assert (plain.shards, plain.processes) == (None, 1)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_run_refuses_a_shard_count_below_one(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.build_parser().parse_args(["run", "--shards", value])
    assert exited.value.code == 2
    assert "at least 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["run", "--processes", "2"], "needs --shards"),
        (["run", "--shards", "1", "--processes", "2"], "at least as many"),
    ],
)
def test_run_processes_needs_a_shard_for_each_process(argv: list[str], problem: str) -> None:
    with pytest.raises(cli.UsageError, match=problem):
        cli.run(argv, io.StringIO(), io.StringIO())


def test_run_with_processes_goes_to_the_supervisor(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.frontends.discord import shards

    calls: list[tuple[int, int, bool]] = []
    monkeypatch.setattr(shards, "run_processes", lambda n, p, *, sync: calls.append((n, p, sync)) or 0)
    assert cli.run(["run", "--shards", "4", "--processes", "2"], io.StringIO(), io.StringIO()) == 0
    assert calls == [(4, 2, False)]


def test_run_shards_in_one_process_overrides_the_shard_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run --shards 3` runs all three shards here, even where SHARD_COUNT / SHARD_IDS say otherwise."""
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("SHARD_COUNT", "8")
    monkeypatch.setenv("SHARD_IDS", "5")
    monkeypatch.delenv("HEALTH_PORT", raising=False)
    seen: list[BotSettings] = []

    class NoEngine:
        def suggest_titles(self, text: str) -> list[str]:
            return []

    def build(settings: BotSettings, engine: Any, sync: bool, store: Any = None) -> Any:
        seen.append(settings)
        return object()

    async def serve(*args: Any) -> None:
        return None

    monkeypatch.setattr(launcher, "open_store", lambda: None)
    monkeypatch.setattr(launcher, "Engine", NoEngine)
    monkeypatch.setattr(launcher, "build_bot", build)
    monkeypatch.setattr(launcher, "_serve", serve)
    monkeypatch.setattr(launcher.gc, "freeze", lambda: None)
    assert cli.run(["run", "--shards", "3"], io.StringIO(), io.StringIO()) == 0
    assert [(s.shard_count, s.shard_ids) for s in seen] == [(3, None)]


# ------------------------------------------------------------------------------- two shard sets, one Discord
async def test_each_shard_set_gets_only_its_guilds_and_dms_go_to_shard_zero(engine: Engine) -> None:
    """What two `--processes` children see: each identifies as its shard and hears only its guilds; a DM
    arrives on shard 0, which is why DM conversation context may stay in that process's memory."""
    guilds = [GuildSpec(name=f"shard {n}", id=gid) for n, gid in enumerate(SHARD_GUILDS)]
    async with running_standin(token=TOKEN, shard_count=2, guilds=guilds) as standin:
        first: Any = ShardedJobBot(engine, shard_count=2, shard_ids=[0], guild_ready_timeout=0.05)
        second: Any = ShardedJobBot(engine, shard_count=2, shard_ids=[1], guild_ready_timeout=0.05)
        heard: dict[int, list[str]] = {0: [], 1: []}
        for index, bot in enumerate((first, second)):

            async def hear(message: discord.Message, index: int = index) -> None:
                if not message.author.bot:  # the stand-in echoes the bot's own replies too
                    heard[index].append(message.content)

            bot.add_listener(hear, "on_message")
        async with run_client(first, standin), run_client(second, standin):
            await first.tree.sync()
            assert sorted(op.data["shard"] for op in standin.identifies) == [[0, 2], [1, 2]]
            assert [g.id for g in first.guilds] == [SHARD_GUILDS[0]]
            assert [g.id for g in second.guilds] == [SHARD_GUILDS[1]]
            for guild_id in SHARD_GUILDS:
                channel = standin.world.guilds[guild_id].channel_ids[0]
                interaction = await standin.slash_command("job", {"title": "plumber"}, channel_id=channel)
                reply = await standin.wait_for_callback(interaction)
                assert reply.status == 200
            await standin.message_create("will AI replace nurses?", dm=True)
            await standin.wait_for_request("POST", r"^/channels/\d+/messages$")
            assert heard == {0: ["will AI replace nurses?"], 1: []}
