"""Issue 17, operations: /healthz and /metrics beside the bot, `jobbot health`, and log lines that are safe."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.frontends import cli
from bot.frontends.cli import main as cli_main
from bot.frontends.discord import launcher, metrics
from bot.frontends.discord.client import JobBot
from bot.frontends.discord.logs import PREVIEW_MAX, JsonLines, preview
from bot.frontends.discord.ops import Ops
from bot.frontends.health import OpsSettings
from tests.discord.conftest import TOKEN
from tests.discord.test_bot import callback
from tests.standin import DiscordStandIn


@pytest.fixture
async def ops(bot: JobBot) -> AsyncIterator[Ops]:
    server = Ops(OpsSettings(health_port=0), bot, bot.engine)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def _get(ops: Ops, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{ops.port}{path}") as response:
        return response.status, await response.text()


async def test_healthz_is_ok_when_connected_and_loaded(ops: Ops) -> None:
    status, text = await _get(ops, "/healthz")
    report = json.loads(text)
    assert status == 200 and report["status"] == "ok"
    assert report["checks"]["gateway"]["ok"] and report["checks"]["knowledge"]["ok"]


async def test_a_failing_or_hanging_added_check_makes_it_unhealthy(ops: Ops, monkeypatch: pytest.MonkeyPatch) -> None:
    async def storage() -> tuple[bool, str]:
        raise ConnectionRefusedError

    ops.checks["storage"] = storage
    status, text = await _get(ops, "/healthz")
    assert status == 503
    assert json.loads(text)["checks"]["storage"] == {"ok": False, "detail": "ConnectionRefusedError"}


async def test_healthz_fails_once_the_gateway_is_closed(ops: Ops, bot: JobBot) -> None:
    await bot.close()
    status, text = await _get(ops, "/healthz")
    assert status == 503 and json.loads(text)["checks"]["gateway"] == {"ok": False, "detail": "closed"}


async def test_healthz_fails_while_the_gateway_socket_is_down(
    ops: Ops, bot: JobBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(bot.ws), "open", property(lambda self: False))
    status, text = await _get(ops, "/healthz")
    assert status == 503 and "disconnected" in json.loads(text)["checks"]["gateway"]["detail"]


def _sample(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    key = f"{name}{{{wanted}}}" if labels else name
    for line in text.splitlines():
        if line.startswith(key + " "):
            return float(line.split()[-1])
    return 0.0


async def test_metrics_count_answers_errors_and_show_gateway_and_caches(
    standin: DiscordStandIn, ops: Ops, bot: JobBot
) -> None:
    _, before = await _get(ops, "/metrics")
    await callback(standin, await standin.slash_command("job", {"title": "rn"}))
    broken = standin.build.slash_command("job", {"title": "rn"})
    del broken["application_id"]
    await standin.dispatch("INTERACTION_CREATE", broken)
    await standin.wait_until(
        lambda: metrics.ERRORS.labels(kind="malformed_event")._value.get() or None, timeout=5, what="count"
    )
    status, after = await _get(ops, "/metrics")
    assert status == 200
    assert (
        _sample(after, "jobbot_answers_total", kind="summary")
        == _sample(before, "jobbot_answers_total", kind="summary") + 1
    )
    assert _sample(after, "jobbot_errors_total", kind="malformed_event") >= 1
    assert _sample(after, "jobbot_match_seconds_count") > _sample(before, "jobbot_match_seconds_count")
    assert _sample(after, "jobbot_cache_entries", cache="match") >= 1
    assert "jobbot_gateway_latency_seconds " in after and "jobbot_event_loop_stall_max_seconds " in after
    assert "rn" not in [line.split("=")[-1] for line in after.splitlines() if "kind=" in line]  # no user text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_health_command_without_a_port_checks_the_knowledge(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HEALTH_PORT", raising=False)
    out = io.StringIO()
    assert cli.run(["health"], io.StringIO(), out) == 0
    assert out.getvalue().startswith("healthy: knowledge loads")


def test_health_command_with_a_port_where_nothing_answers_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HEALTH_PORT", str(_free_port()))
    out = io.StringIO()
    assert cli.run(["health"], io.StringIO(), out) == 1
    assert out.getvalue().startswith("unhealthy: no answer from http://127.0.0.1:")


async def test_health_command_asks_the_running_bot(ops: Ops, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import asyncio

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HEALTH_PORT", str(ops.port))
    out = io.StringIO()
    code = await asyncio.to_thread(cli.run, ["health"], io.StringIO(), out)
    assert code == 0, out.getvalue()
    assert out.getvalue().startswith("healthy: gateway ok")


def test_a_taken_health_port_is_a_one_line_configuration_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "jobbot.sqlite3"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert cli_main(["db", "upgrade"]) == 0  # a current schema, so the port is what fails
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setenv("HEALTH_PORT", str(taken.getsockname()[1]))
        assert launcher.launch() == launcher.CONFIG_ERROR
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if not line.startswith("{")] == [
        line for line in err.splitlines() if line.startswith("jobbot: configuration error: cannot serve HEALTH_PORT")
    ]
    assert TOKEN not in err


# ---- logs --------------------------------------------------------------------------------------------------


def test_preview_is_one_bounded_line_without_controls() -> None:
    hostile = "will AI replace\n\u202emy job\x00?" + "z\u0301" * 5000
    shown = preview(hostile)
    assert "\n" not in shown and "\u202e" not in shown and "\x00" not in shown
    assert shown.startswith("will AI replace my job?")
    assert len(shown) <= PREVIEW_MAX + 20 and shown.endswith("chars)")
    assert preview("registered nurse") == "registered nurse"


def _line(record: logging.LogRecord, formatter: JsonLines) -> dict[str, Any]:
    text = formatter.format(record)
    assert "\n" not in text
    return dict(json.loads(text))


def test_log_lines_never_carry_the_token_and_cut_user_text_in_tracebacks() -> None:
    formatter = JsonLines(secrets=[TOKEN])
    user_text = "my secret question " * 200
    try:
        try:
            int(user_text)
        except ValueError as exc:
            raise RuntimeError(f"while answering {user_text}") from exc
    except RuntimeError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "discord.http", logging.ERROR, __file__, 1, f"POST /webhooks/1/{'a' * 60} with {TOKEN}", None, exc_info
    )
    line = _line(record, formatter)
    text = json.dumps(line)
    assert TOKEN not in text and "a" * 60 not in text
    assert "/webhooks/1/[token]" in line["msg"]
    assert text.count("my secret question") <= 8  # two previews of about three repetitions each
    assert "ValueError: invalid literal" in line["traceback"] and "RuntimeError: while answering" in line["traceback"]


def test_every_field_is_bounded() -> None:
    record = logging.LogRecord("jobbot", logging.INFO, __file__, 1, "x" * 10_000, None, None)
    record.detail = "y" * 10_000
    line = _line(record, JsonLines())
    assert len(line["msg"]) < 500 and len(line["detail"]) < 500
