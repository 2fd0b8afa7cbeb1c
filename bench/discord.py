"""Discord throughput benchmark: `python -m bench.discord`. Prints figures; asserts nothing.

The local Discord stand-in (tests/standin) runs in this process and the real bot in a child
process, so the two do not share an event loop (they do share the machine's two cores).
Interactions are sent at a fixed rate; latency is measured from INTERACTION_CREATE leaving
the stand-in to the bot's callback request arriving at it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOKEN = "MTIzNDU2Nzg5MDEy.GabcDE.standin-token-for-bench-only-xyz"
CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def child(base: str, gateway: str) -> None:
    """The bot under test, pointed at the stand-in by its two base URLs only."""
    import discord
    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.answer.engine import Engine
    from bot.frontends.discord.client import JobBot

    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    engine = Engine()
    gc.freeze()  # as the launcher does: the loaded knowledge never becomes garbage
    bot = JobBot(engine, cooldown=(1_000_000, 1.0), sync_on_start=True, guild_ready_timeout=0.05)

    async def no_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    bot.before_identify_hook = no_delay  # type: ignore[method-assign]
    discord.utils.setup_logging(level=40)
    bot.run(TOKEN, log_handler=None)


async def run_rate(standin: Any, titles: list[str], rate: float, seconds: float) -> dict[str, float]:
    """Sends `rate` interactions per second for `seconds`; returns latency and throughput figures."""
    rng = random.Random(int(rate))
    count = int(rate * seconds)
    records = []
    started = time.perf_counter()
    for n in range(count):
        target = started + n / rate
        delay = target - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        kind = rng.random()
        user = 10_000 + n
        if kind < 0.6:
            records.append(await standin.slash_command("job", {"title": rng.choice(titles)}, user_id=user))
        elif kind < 0.8:
            records.append(await standin.slash_command("tasks", {"title": rng.choice(titles)}, user_id=user))
        else:
            prefix = rng.choice(titles)[: rng.randint(1, 6)]
            records.append(await standin.autocomplete("job", {"title": prefix}, focused="title", user_id=user))
    sent_for = time.perf_counter() - started
    # Poll cheaply until every interaction was answered: scanning the request log per record here would
    # block the stand-in's event loop and delay the callbacks still in flight.
    deadline = time.perf_counter() + 30
    while not all(r.acknowledged for r in records) and time.perf_counter() < deadline:
        await asyncio.sleep(0.02)
    callbacks: dict[str, Any] = {}
    for request in standin.requests_matching("POST", CALLBACK):
        callbacks.setdefault(request.path.split("/")[2], request)
    latencies: list[float] = []
    auto: list[float] = []
    last = 0.0
    slowest = (0.0, 0)
    for position, record in enumerate(records, start=1):
        request = callbacks[str(record.id)]
        ms = (request.at - record.created_at) * 1000
        (auto if record.kind == 4 else latencies).append(ms)
        last = max(last, request.at)
        slowest = max(slowest, (ms, position))
    done_for = last - records[0].created_at
    failures = sum(1 for r in standin.requests_matching("POST", CALLBACK) if r.status != 200)
    return {
        "sent": count,
        "send_rate": count / sent_for,
        "throughput": count / done_for,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "max": slowest[0],
        "max_at": slowest[1],
        "auto_p50": percentile(auto, 0.5),
        "auto_p99": percentile(auto, 0.99),
        "failures": failures,
    }


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


async def main_async(rates: list[float], seconds: float) -> None:
    sys.path.insert(0, str(REPO))
    from bot.sources.load import load_knowledge
    from tests.standin import DiscordStandIn

    titles = [p.title for p in load_knowledge().profiles.values()]
    standin = DiscordStandIn(token=TOKEN, callback_deadline=3.0, echo_events=False)
    await standin.start()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.discord", "--child", standin.base_url, standin.gateway_url], env=env, cwd=REPO
    )
    try:
        await standin.wait_for_request("PUT", r"^/applications/\d+/commands$", timeout=30)
        await standin.wait_for_identify(timeout=30)
        await asyncio.sleep(0.5)  # READY and GUILD_CREATE handled by the bot
        await run_rate(standin, titles, 50, 2)  # warm-up: caches, connection pool, first renders
        print(f"== bot in a child process (pid {proc.pid}), stand-in in this one; {os.cpu_count()} cores shared")
        for rate in rates:
            bot_cpu, own_cpu = _cpu_seconds(proc.pid), time.process_time()
            gc.collect()
            gc.disable()  # the stand-in's own collector pauses would be charged to the bot otherwise
            try:
                figures = await run_rate(standin, titles, rate, seconds)
            finally:
                gc.enable()
            bot_cpu, own_cpu = _cpu_seconds(proc.pid) - bot_cpu, time.process_time() - own_cpu
            count = figures["sent"]
            print(f"\n-- offered {rate:g} interactions/s for {seconds:g} s ({figures['sent']:.0f} interactions)")
            print(f"{'achieved send rate':<40} {figures['send_rate']:10.1f} interactions/s")
            print(f"{'sustained throughput (answered)':<40} {figures['throughput']:10.1f} interactions/s")
            print(f"{'INTERACTION_CREATE → callback p50':<40} {figures['p50']:10.2f} ms")
            verdict = ""
            if rate == 200:
                verdict = f"  (target ≤ 20 at 200/s: {'met' if figures['p99'] <= 20 else 'MISSED'})"
            print(f"{'INTERACTION_CREATE → callback p99':<40} {figures['p99']:10.2f} ms{verdict}")
            where = f"interaction {figures['max_at']:.0f} of {count}"
            print(f"{'slowest round trip':<40} {figures['max']:10.2f} ms ({where})")
            print(f"{'autocomplete round trip p50':<40} {figures['auto_p50']:10.2f} ms")
            print(f"{'autocomplete round trip p99':<40} {figures['auto_p99']:10.2f} ms")
            print(f"{'non-200 callbacks':<40} {figures['failures']:10.0f}")
            print(f"{'CPU: bot process / stand-in process':<40} {bot_cpu:6.2f} s / {own_cpu:.2f} s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n{'peak RSS of the stand-in process':<40} {rss:10.1f} MB")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        await standin.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.discord")
    parser.add_argument("--child", nargs=2, metavar=("BASE", "GATEWAY"), help=argparse.SUPPRESS)
    parser.add_argument("--rates", default="50,200,500", help="offered interactions per second, comma separated")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    asyncio.run(main_async([float(r) for r in args.rates.split(",")], args.seconds))


if __name__ == "__main__":
    main()
