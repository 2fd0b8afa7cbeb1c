"""Vote round trip benchmark: `python -m bench.storage`. Prints figures; asserts nothing.

The stand-in runs in this process and the real bot (with its store) in a child process, as in
`bench.discord`. Pulse votes are offered at a fixed rate to one job's menu, each from a new user;
latency runs from INTERACTION_CREATE leaving the stand-in to the bot's callback arriving, so it
includes the committed write and the count read. Backends: a SQLite file (WAL) and a PostgreSQL
cluster started for the run (initdb + pg_ctl on 127.0.0.1, default durability settings).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
TARGETS = {"sqlite": 20.0, "postgresql": 30.0}
VOTE = "jbc:vote:paralegal"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


async def migrate(url: str) -> None:
    from bot.storage.store import Store

    store = Store(url)
    await store.upgrade()
    await store.close()


async def run_backend(name: str, url: str, rate: float, seconds: float) -> dict[str, float]:
    from tests.discord.botproc import TOKEN, BotProcess
    from tests.standin import DiscordStandIn
    from tests.standin.harness import point_discord_at

    await migrate(url)
    standin = DiscordStandIn(token=TOKEN, callback_deadline=3.0, echo_events=False)
    await standin.start()
    bot = BotProcess(standin, url, None)
    try:
        with point_discord_at(standin):
            await bot.start()
            record = await standin.slash_command("job", {"title": "paralegal"})
            reply = await standin.wait_for_callback(record, timeout=10)
            message = int(reply.response["resource"]["message"]["id"])
            rng = random.Random(7)
            await _offer(standin, message, rng, 50, 1.0, 1)  # warm-up: pool, caches, first renders
            gc.collect()
            gc.disable()  # the stand-in's own collector pauses would be charged to the bot otherwise
            try:
                return await _offer(standin, message, rng, rate, seconds, 100_000)
            finally:
                gc.enable()
    finally:
        bot.kill()
        await standin.stop()


async def _offer(
    standin: Any, message: int, rng: random.Random, rate: float, seconds: float, first_user: int
) -> dict[str, float]:
    count = int(rate * seconds)
    records = []
    started = time.perf_counter()
    for n in range(count):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        values = [str(rng.randrange(4))]
        records.append(
            await standin.component(VOTE, component_type=3, values=values, user_id=first_user + n, message_id=message)
        )
    sent_for = time.perf_counter() - started
    deadline = time.perf_counter() + 30
    while not all(r.acknowledged for r in records) and time.perf_counter() < deadline:
        await asyncio.sleep(0.02)
    callbacks = {r.path.split("/")[2]: r for r in standin.requests_matching("POST", CALLBACK)}
    latencies, thanked = [], 0
    for record in records:
        request = callbacks.get(str(record.id))
        if request is None:
            continue
        latencies.append((request.at - record.created_at) * 1000)
        content = ((request.json or {}).get("data") or {}).get("content") or ""
        thanked += content.startswith("Thanks!")
    return {
        "sent": count,
        "send_rate": count / sent_for,
        "answered": len(latencies),
        "thanked": thanked,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies, default=float("nan")),
    }


async def main_async(backends: list[str], rate: float, seconds: float, postgres_url: str | None) -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("PYTHONPATH", str(REPO))
    from tests.storage.postgres import Cluster

    root = Path(tempfile.mkdtemp(prefix="jobbot-bench-"))
    cluster: Cluster | None = None
    try:
        cores = os.cpu_count()
        print(f"== pulse votes at {rate:g}/s for {seconds:g} s per backend; bot in a child process; {cores} cores")
        for name in backends:
            if name == "sqlite":
                url = f"sqlite+aiosqlite:///{root / 'bench.sqlite3'}"
            elif postgres_url:
                url = postgres_url
            else:
                cluster = Cluster(root / "pg")
                cluster.init(fsync=True)
                cluster.start()
                url = cluster.create_database("bench")
            f = await run_backend(name, url, rate, seconds)
            target = TARGETS[name]
            verdict = "met" if f["p99"] <= target else "MISSED"
            print(f"\n-- {name}")
            print(f"{'votes sent / answered / thanked':<40} {f['sent']:.0f} / {f['answered']:.0f} / {f['thanked']:.0f}")
            print(f"{'achieved send rate':<40} {f['send_rate']:10.1f} votes/s")
            print(f"{'vote round trip p50':<40} {f['p50']:10.2f} ms")
            print(f"{'vote round trip p99':<40} {f['p99']:10.2f} ms  (target ≤ {target:g}: {verdict})")
            print(f"{'slowest vote':<40} {f['max']:10.2f} ms")
    finally:
        if cluster is not None:
            cluster.stop("fast")
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.storage")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--rate", type=float, default=200.0, help="offered votes per second")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--postgres-url", help="use this PostgreSQL instead of starting a cluster")
    args = parser.parse_args()
    asyncio.run(main_async(args.backends.split(","), args.rate, args.seconds, args.postgres_url))


if __name__ == "__main__":
    main()
