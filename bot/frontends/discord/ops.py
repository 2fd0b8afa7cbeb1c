"""The operations port: `/healthz` and Prometheus `/metrics`, served by a small aiohttp app beside the bot.

Off unless HEALTH_PORT is set (see `bot.frontends.health.OpsSettings`). `/healthz` answers 200 when every
check passes and 503 otherwise, with one JSON object naming each check. The gateway and knowledge checks
are built in; a launcher adds its own (e.g. storage reachable) to `Ops.checks` before starting.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.answer.engine import Engine
from bot.frontends.discord import metrics
from bot.frontends.health import OpsSettings

# A check answers (ok, short detail); raising or taking longer than CHECK_TIMEOUT counts as failing.
HealthCheck = Callable[[], Awaitable[tuple[bool, str]]]
CHECK_TIMEOUT = 2.0


class BotGauges(Collector):
    """Read at scrape time from the running bot: gateway latency, guilds, cache sizes."""

    def __init__(self, bot: Any, engine: Engine) -> None:
        self.bot = bot
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        latency = GaugeMetricFamily("jobbot_gateway_latency_seconds", "Heartbeat round trip to the Discord gateway")
        value = float(self.bot.latency)
        latency.add_metric([], value if math.isfinite(value) else float("nan"))
        yield latency
        yield GaugeMetricFamily("jobbot_guilds", "Servers the bot is in", value=len(self.bot.guilds))
        caches = GaugeMetricFamily("jobbot_cache_entries", "Entries held by each bounded cache", labels=["cache"])
        for name, size in sorted(self.engine.cache_sizes().items()):
            caches.add_metric([name], size)
        caches.add_metric(["comparison_threads"], len(getattr(self.bot, "_comparisons", ())))
        yield caches


def _connected(bot: Any) -> bool:
    """Every gateway socket is open (discord.py keeps is_ready() true while it reconnects)."""
    shards = getattr(bot, "shards", None)
    if isinstance(shards, dict) and shards:
        return all(not shard.is_closed() for shard in shards.values())
    ws = getattr(bot, "ws", None)
    return ws is not None and bool(ws.open)


def gateway_check(bot: Any) -> HealthCheck:
    async def gateway() -> tuple[bool, str]:
        if bot.is_closed():
            return False, "closed"
        if not bot.is_ready():
            return False, "not ready"
        if not _connected(bot):
            return False, "gateway disconnected (reconnecting)"
        latency = float(bot.latency)
        if not math.isfinite(latency):
            return False, "no heartbeat yet"
        return True, f"latency {latency * 1000:.0f} ms"

    return gateway


def knowledge_check(engine: Engine) -> HealthCheck:
    async def knowledge() -> tuple[bool, str]:
        count = len(engine.summaries())
        return count > 0, f"{count} profiles"

    return knowledge


class Ops:
    """The health and metrics server for one bot process."""

    def __init__(self, settings: OpsSettings, bot: Any, engine: Engine) -> None:
        self.settings = settings
        self.checks: dict[str, HealthCheck] = {"gateway": gateway_check(bot), "knowledge": knowledge_check(engine)}
        self.registry = CollectorRegistry(auto_describe=True)
        self.registry.register(BotGauges(bot, engine))
        self.stalls = metrics.StallWatch()
        self._runner: web.AppRunner | None = None
        self._watch: asyncio.Task[None] | None = None
        self.port = 0

    async def health(self) -> tuple[bool, dict[str, dict[str, Any]]]:
        async def run(check: HealthCheck) -> tuple[bool, str]:
            try:
                return await asyncio.wait_for(check(), CHECK_TIMEOUT)
            except Exception as exc:  # a failing check is a result, not a crash of the endpoint
                return False, type(exc).__name__

        names = list(self.checks)
        results = await asyncio.gather(*(run(self.checks[n]) for n in names))
        report = {n: {"ok": ok, "detail": detail} for n, (ok, detail) in zip(names, results, strict=True)}
        return all(ok for ok, _ in results), report

    async def _healthz(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        ok, report = await self.health()
        body = {
            "status": "ok" if ok else "failing",
            "checks": report,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
        return web.Response(status=200 if ok else 503, text=json.dumps(body), content_type="application/json")

    async def _metrics(self, request: web.Request) -> web.Response:
        body = generate_latest(metrics.REGISTRY) + generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def start(self) -> None:
        """Serves on HEALTH_HOST:HEALTH_PORT (0 picks a free port, see `port`); raises OSError if it is taken."""
        self._watch = asyncio.create_task(self.stalls.run(), name="jobbot-stall-watch")
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            site = web.TCPSite(self._runner, self.settings.health_host, self.settings.health_port or 0)
            await site.start()
        except BaseException:
            await self.stop()
            raise
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
