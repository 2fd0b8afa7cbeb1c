"""Chaos benchmark (issue 17): `python -m bench.chaos`. Prints figures; exits 1 if a safety count is not zero.

Four phases, each can be chosen with --phases:
- fuzz: --fuzz N hostile inputs (mentions, markdown, links, zalgo, RTL, controls, long and random Unicode
  text) straight through the engine in --workers processes; every reply rendered as a Discord payload and
  checked: no exception, no ping, no raw link, within Discord's limits; the slowest answer.
- standin: --standin N hostile requests (slash commands, autocomplete, mentions) through the real bot in a
  child process and the local Discord stand-in (127.0.0.1 only): 0 error notices, 0 pings, 0 raw links.
- soak: --soak-rate requests/s for --soak-seconds with faults injected (5xx bursts, 429s, gateway resume,
  op 7 reconnect, invalid session, a malformed event every 1,000): lost replies, p99, RSS, event-loop stalls.
- long: 2,000- and 4,000-character messages at 50/s for --long-seconds: the bot's RSS stays under 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOKEN = "MTIzNDU2Nzg5MDEy.GabcDE.standin-token-for-chaos-only-xyz"
CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
RAW_LINK = re.compile(r"https?://|discord\.gg/|\w\.(?:com|gg|io)\b", re.IGNORECASE)
PING = re.compile(r"@everyone|@here|<@[!&]?\d+>")
FAILED_NOTICE = "something went wrong on my side"
RSS_LIMIT_MB = 200.0
STALL_TARGET_MS = 50.0

# ---------------------------------------------------------------------------------------------- inputs
JOBS = [
    "rn", "registered nurse", "software engineer", "paralegal", "ml eng", "senior backend dev", "cashier",
    "dentist", "dental hygienist", "I drive for Uber", "graphic designer", "welder", "astronomer", "teacher",
]  # fmt: skip
PIECES = [
    "@everyone", "@here", "<@1>", "<@!123456789012345678>", "<@&42>", "<#1>", "**bold**", "__u__", "`code`",
    "```py\nx\n```", "||spoiler||", "> quote", "# Heading", "[click](https://evil.com)", "https://discord.gg/abc",
    "http://x.io/a", "evil.com", "www.example.gg", "\u202e", "\u202d", "\u200f", "\u2066", "\x00", "\x07", "\r\n",
    "\t", "مهندس برمجيات", "אחות", "看护", "🧑‍⚕️", "\ufeff", "\u0000\u0000", " vs ", " or ", " and ", "will AI replace ",
    " in Texas", "?", "!!!", "\\", "%s", "{0}", "<script>", "' OR 1=1 --", "\ud7ff",
]  # fmt: skip
COMBINING = [chr(c) for c in range(0x300, 0x370)]


def _random_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        c = rng.randint(0, 0x10FFFF) if rng.random() < 0.3 else rng.randint(0x20, 0x3000)
        out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "?")
    return "".join(out)


def _zalgo(rng: random.Random, word: str) -> str:
    return "".join(ch + "".join(rng.choices(COMBINING, k=rng.randint(1, 30))) for ch in word)


def fuzz_text(rng: random.Random, limit: int = 1000) -> str:
    """One hostile input of up to `limit` characters (a few a hundred go past the engine's bound of 1,000)."""
    shape = rng.random()
    if shape < 0.05:
        text = rng.choice(PIECES) * rng.randint(1, limit)
    elif shape < 0.15:
        text = _random_unicode(rng, rng.randint(1, limit))
    elif shape < 0.22:
        text = _zalgo(rng, rng.choice(JOBS))
    elif shape < 0.25 and limit >= 1000:
        text = rng.choice(JOBS) + " " + "x" * rng.randint(1000, 4000)  # past the input bound: cut with a note
        return text
    else:
        parts = []
        for _ in range(rng.randint(1, 12)):
            roll = rng.random()
            if roll < 0.35:
                parts.append(rng.choice(JOBS))
            elif roll < 0.8:
                parts.append(rng.choice(PIECES))
            else:
                parts.append(_random_unicode(rng, rng.randint(1, 40)))
        text = " ".join(parts)
    return text[:limit]


def payload_problems(payload: dict[str, Any]) -> list[str]:
    """What a user must never see: a ping, a raw link, a payload Discord would refuse, mentions allowed."""
    from bot.frontends.discord.limits import limit_problems

    shown = json.dumps(payload, ensure_ascii=False)
    problems = [f"limit: {p}" for p in limit_problems(payload)]
    if PING.search(shown):
        problems.append("ping")
    if RAW_LINK.search(shown):
        problems.append("raw link")
    if payload.get("allowed_mentions") != {"parse": []}:
        problems.append("mentions allowed")
    return problems


# ------------------------------------------------------------------------------------------------ fuzz
def fuzz_worker(job: tuple[int, int]) -> dict[str, Any]:
    """Runs `count` inputs through the engine from seed `seed`; returns counts and the slowest answers."""
    seed, count = job
    from bot.answer.engine import Engine
    from bot.frontends.discord.payloads import to_payload

    engine = Engine()
    engine.suggest_titles("")
    gc.collect()
    gc.freeze()  # as `jobbot run` does: full collections would otherwise walk the whole knowledge
    from bot.answer.conversation import Context

    THREAD = Context.comparison(("registered-nurse", "paralegal"))
    rng = random.Random(seed)
    calls: list[Callable[[str, str], Any]] = [
        lambda t, s: engine.answer(t),
        lambda t, s: engine.job(t),
        lambda t, s: engine.faq(t),
        lambda t, s: engine.compare(t, s),
        lambda t, s: engine.compare_with("paralegal", t),
        lambda t, s: engine.converse(t, THREAD).reply,  # a follow-up in a comparison thread
    ]
    weights = [50, 20, 5, 10, 5, 10]
    exceptions = problems = 0
    examples: list[str] = []
    slowest = 0.0
    slowest_input = ""
    total = 0.0
    started_all = time.perf_counter()
    for _ in range(count):
        text = fuzz_text(rng)
        second = fuzz_text(rng, 200)
        call = rng.choices(calls, weights)[0]
        started = time.perf_counter()
        try:
            reply = call(text, second)
            payload = to_payload(reply)
        except Exception as exc:
            exceptions += 1
            if len(examples) < 5:
                examples.append(f"{type(exc).__name__}: {text[:60]!r}")
            continue
        took = time.perf_counter() - started
        total += took
        if took > slowest:
            slowest, slowest_input = took, text
        found = payload_problems(payload)
        if found:
            problems += 1
            if len(examples) < 5:
                examples.append(f"{found}: {text[:60]!r}")
    return {
        "count": count,
        "exceptions": exceptions,
        "problems": problems,
        "examples": examples,
        "slowest": slowest,
        "slowest_input": f"{len(slowest_input)} chars: {slowest_input[:40]!r}",
        "engine_seconds": total,
        "wall": time.perf_counter() - started_all,
    }


def run_fuzz(count: int, workers: int) -> bool:
    print(f"== fuzz: {count:,} hostile inputs through the engine in {workers} processes ({os.cpu_count()} cores)")
    shares = [count // workers + (1 if i < count % workers else 0) for i in range(workers)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(fuzz_worker, [(17_000 + i, n) for i, n in enumerate(shares)])
    wall = time.perf_counter() - started
    done = sum(r["count"] for r in results)
    exceptions = sum(r["exceptions"] for r in results)
    problems = sum(r["problems"] for r in results)
    slow = max(results, key=lambda r: r["slowest"])
    rate = done / wall
    _row("inputs", f"{done:,}")
    _row("wall time", f"{wall:,.0f} s ({rate:,.0f} inputs/s)")
    _row("extrapolated for 1,000,000", f"{1_000_000 / rate / 60:,.1f} min on this machine")
    _row("mean engine time per input", f"{sum(r['engine_seconds'] for r in results) / max(1, done) * 1000:.2f} ms")
    _row("slowest answer", f"{slow['slowest'] * 1000:.1f} ms ({slow['slowest_input']})")
    _row("exceptions", exceptions)
    _row("replies with a ping, raw link or over a limit", problems)
    for example in [e for r in results for e in r["examples"]][:5]:
        print(f"   e.g. {example}")
    return bool(exceptions == 0 and problems == 0)


def _row(name: str, value: object) -> None:
    print(f"{name:<48} {value}")


# ------------------------------------------------------------------------------------- bot in a child
def child(base: str, gateway: str, ops_port: int) -> None:
    """The bot under test, as `jobbot run` starts it (logs, gc.freeze, the ops port), pointed at the stand-in."""
    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.answer.engine import Engine
    from bot.frontends.discord import launcher, logs, metrics
    from bot.frontends.discord.client import JobBot
    from bot.frontends.discord.memory import tune_allocator
    from bot.frontends.discord.ops import Ops
    from bot.frontends.health import OpsSettings

    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    logs.configure("WARNING", secrets=[TOKEN])
    tune_allocator()
    engine = Engine()
    engine.suggest_titles("")
    gc.collect()
    gc.freeze()
    bot = JobBot(engine, cooldown=(1_000_000, 1.0), sync_on_start=True, guild_ready_timeout=0.05)
    ops = Ops(OpsSettings(health_port=ops_port), bot, engine)

    async def no_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    def reset_stalls(*_: Any) -> None:  # SIGUSR1: the bench measures stalls from here on
        ops.stalls.max_stall = 0.0
        metrics.STALL_MAX.set(0.0)

    bot.before_identify_hook = no_delay  # type: ignore[method-assign]
    signal.signal(signal.SIGUSR1, reset_stalls)
    asyncio.run(launcher._serve(bot, TOKEN, 60.0, ops))


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


class Harness:
    """The stand-in in this process, the bot in a child; sends requests and checks what the bot sent back."""

    def __init__(self, standin: Any, proc: subprocess.Popen[bytes], ops_port: int) -> None:
        self.standin = standin
        self.proc = proc
        self.ops_port = ops_port
        self.interactions: list[Any] = []
        self.messages: dict[str, float] = {}  # message id -> when it was delivered
        self.held = 0
        self.user = 100_000

    async def session(self) -> None:
        """Waits while Discord has no session to deliver to (after an invalid session, before IDENTIFY)."""
        while not self.standin.gateway.active_sessions():
            self.held += 1
            await asyncio.sleep(0.01)

    async def send(self, rng: random.Random, hostile: bool) -> None:
        await self.session()
        self.user += 1
        text = fuzz_text(rng, 200) if hostile else rng.choice(JOBS)
        s = self.standin
        roll = rng.random()
        if roll < 0.12:
            content = fuzz_text(rng, 1900) if hostile else f"will AI replace {rng.choice(JOBS)}?"
            data = await s.message_create(content, user_id=self.user, mention_bot=True)
            if data is not None:
                self.messages[str(data["id"])] = s.now()
            return
        if roll < 0.45:
            record = await s.slash_command("job", {"title": text or "x"}, user_id=self.user)
        elif roll < 0.55:
            record = await s.slash_command("tasks", {"title": text or "x"}, user_id=self.user)
        elif roll < 0.65:
            question = fuzz_text(rng, 300) if hostile else f"is {text} safe from AI"
            record = await s.slash_command("ask", {"question": question or "x"}, user_id=self.user)
        elif roll < 0.72:
            record = await s.slash_command("faq", {"question": text or "x"}, user_id=self.user)
        elif roll < 0.80:
            second = fuzz_text(rng, 200) if hostile else rng.choice(JOBS)
            record = await s.slash_command(
                "compare", {"first": text or "x", "second": second or "y"}, user_id=self.user
            )
        else:
            record = await s.autocomplete("job", {"title": text[:100]}, focused="title", user_id=self.user)
        self.interactions.append(record)

    async def drive(
        self, rng: random.Random, rate: float, count: int, hostile: bool, every: Callable[[int, float], Any] | None
    ) -> float:
        started = time.perf_counter()
        for n in range(count):
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if every is not None:
                await every(n, time.perf_counter() - started)
            await self.send(rng, hostile)
        return time.perf_counter() - started

    async def drain(self, timeout: float = 30.0) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            replied = {self._reference(r) for r in self.standin.requests_matching("POST", r"^/channels/\d+/messages$")}
            if all(r.acknowledged for r in self.interactions) and set(self.messages) <= replied:
                break
            await asyncio.sleep(0.25)
        await asyncio.sleep(1.0)  # follow-ups of deferred answers

    @staticmethod
    def _reference(request: Any) -> str:
        ref = (request.json or {}).get("message_reference") or {}
        return str(ref.get("message_id", ""))

    def verdict(self, since: int) -> dict[str, Any]:
        """Counts over every request the bot made since `since`: lost replies, error notices, pings, links."""
        s = self.standin
        sent = [r for r in s.requests[since:] if r.method in ("POST", "PATCH") and r.json is not None]
        first: dict[str, Any] = {}
        for r in s.requests_matching("POST", CALLBACK, since=since):
            if r.status == 200:
                first.setdefault(r.path.split("/")[2], r)
        replies: dict[str, Any] = {}
        for r in s.requests_matching("POST", r"^/channels/\d+/messages$", since=since):
            if r.status == 200:
                replies.setdefault(self._reference(r), r)
        latencies = [(first[str(i.id)].at - i.created_at) * 1000 for i in self.interactions if str(i.id) in first]
        latencies += [(replies[m].at - at) * 1000 for m, at in self.messages.items() if m in replies]
        lost = sum(1 for i in self.interactions if str(i.id) not in first)
        lost += sum(1 for m in self.messages if m not in replies)
        text = [json.dumps(_shown(r.json), ensure_ascii=False) for r in sent]
        return {
            "requests": len(self.interactions) + len(self.messages),
            "lost": lost,
            "errors": sum(FAILED_NOTICE in t for t in text),
            "pings": sum(bool(PING.search(t)) for t in text),
            "links": sum(bool(RAW_LINK.search(t)) for t in text),
            "refused": sum(1 for r in sent if r.status == 400),
            "refused_codes": sorted({f"{r.code}" for r in sent if r.status == 400}),
            "p50": percentile(latencies, 0.5),
            "p99": percentile(latencies, 0.99),
            "max": max(latencies, default=float("nan")),
        }

    async def metric(self, name: str) -> float:
        import aiohttp

        url = f"http://127.0.0.1:{self.ops_port}/metrics"
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            for line in (await response.text()).splitlines():
                if line.startswith(name + " "):
                    return float(line.split()[-1])
        return float("nan")

    def reset(self) -> int:
        self.interactions.clear()
        self.messages.clear()
        self.held = 0
        return int(self.standin.mark())


def _shown(value: Any) -> Any:
    """What a user can see of a request: everything but custom_ids, which Discord never displays."""
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items() if k != "custom_id"}
    if isinstance(value, list):
        return [_shown(v) for v in value]
    return value


def _report(figures: dict[str, Any]) -> None:
    _row("requests sent", f"{figures['requests']:,}")
    _row("lost replies (no successful response)", figures["lost"])
    _row("error notices reaching a user", figures["errors"])
    _row("pings in anything the bot sent", figures["pings"])
    _row("raw links in anything the bot sent", figures["links"])
    _row("requests Discord would refuse (400)", f"{figures['refused']} {figures['refused_codes'] or ''}")
    _row("answer time p50 / p99 / max", f"{figures['p50']:.1f} / {figures['p99']:.1f} / {figures['max']:.1f} ms")


async def phase_standin(h: Harness, count: int, rate: float) -> bool:
    print(f"\n== stand-in: {count:,} hostile requests at {rate:g}/s through the real bot")
    since = h.reset()
    took = await h.drive(random.Random(50_000), rate, count, True, None)
    await h.drain()
    figures = h.verdict(since)
    _row("sent for", f"{took:.0f} s")
    _report(figures)
    return bool(figures["errors"] == figures["pings"] == figures["links"] == figures["lost"] == 0)


async def phase_soak(h: Harness, seconds: float, rate: float) -> bool:
    s = h.standin
    count = int(seconds * rate)
    faults: dict[str, int] = {}

    async def inject(n: int, elapsed: float) -> None:
        def note(kind: str) -> None:
            faults[kind] = faults.get(kind, 0) + 1

        if n and n % 1000 == 0:
            broken = s.build.slash_command("job", {"title": "rn"})
            del broken["application_id"]
            await s.gateway.dispatch("INTERACTION_CREATE", broken)  # not registered: no reply is owed
            note("malformed event")
        second = int(elapsed)
        if second == getattr(inject, "last", -1):
            return
        inject.last = second  # type: ignore[attr-defined]
        if second % 20 == 5:
            s.fail_next("POST", CALLBACK, status=500, times=3)
            s.fail_next("POST", r"^/channels/\d+/messages$", status=502, times=2)
            note("5xx burst")
        if second % 20 == 12:
            s.fail_next("POST", CALLBACK, status=429, retry_after=0.3, times=2)
            note("429")
        if second % 60 == 30:
            await s.drop_connection()
            note("gateway resume (socket cut)")
        if second % 60 == 45:
            await s.send_reconnect()
            note("op 7 reconnect")
        if second % 120 == 90:
            await s.send_invalid_session(resumable=False)
            note("invalid session")

    print(f"\n== soak: {rate:g} requests/s for {seconds:g} s with faults")
    since = h.reset()
    os.kill(h.proc.pid, signal.SIGUSR1)
    await asyncio.sleep(0.2)
    rss_start = _rss_mb(h.proc.pid)
    rss_peak = rss_start
    took = await h.drive(random.Random(7), rate, count, False, inject)
    await h.drain()
    rss_end = _rss_mb(h.proc.pid)
    rss_peak = max(rss_peak, rss_end)
    stall = await h.metric("jobbot_event_loop_stall_max_seconds") * 1000
    figures = h.verdict(since)
    _row("sent for", f"{took:.0f} s ({figures['requests'] / took:.0f}/s achieved)")
    _row("faults injected", ", ".join(f"{v} {k}" for k, v in faults.items()))
    _row("sends held while Discord had no session", f"{h.held} polls of 10 ms")
    _report(figures)
    growth = (rss_end - rss_start) / rss_start * 100
    _row("bot RSS start / end", f"{rss_start:.1f} / {rss_end:.1f} MB ({growth:+.1f} %, target within 20 %)")
    _row("max event-loop stall", f"{stall:.1f} ms (target <= {STALL_TARGET_MS:g} ms)")
    return bool(figures["lost"] == 0 and abs(growth) <= 20)


async def phase_long(h: Harness, seconds: float) -> bool:
    print(f"\n== long messages: 2,000 and 4,000 characters at 50/s for {seconds:g} s")
    since = h.reset()
    rng = random.Random(4000)
    rss: list[float] = [_rss_mb(h.proc.pid)]
    started = time.perf_counter()
    for n in range(int(50 * seconds)):
        delay = started + n / 50 - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await h.session()
        size = 2000 if n % 2 else 4000
        body = (f"will AI replace {rng.choice(JOBS)}? " + fuzz_text(rng, size)) * 4
        h.user += 1
        data = await h.standin.message_create(body[: size - 30], user_id=h.user, mention_bot=True)
        if data is not None:
            h.messages[str(data["id"])] = h.standin.now()
        if n % 50 == 0:
            rss.append(_rss_mb(h.proc.pid))
    await h.drain()
    rss.append(_rss_mb(h.proc.pid))
    figures = h.verdict(since)
    _report(figures)
    _row("bot RSS start / peak / end", f"{rss[0]:.1f} / {max(rss):.1f} / {rss[-1]:.1f} MB (limit {RSS_LIMIT_MB:g} MB)")
    return bool(max(rss) < RSS_LIMIT_MB and figures["lost"] == 0)


async def bot_phases(args: argparse.Namespace, phases: set[str]) -> bool:
    sys.path.insert(0, str(REPO))
    from tests.standin import DiscordStandIn

    standin = DiscordStandIn(token=TOKEN, callback_deadline=3.0, echo_events=False)
    await standin.start()
    ops_port = _free_port()
    log = (REPO / ".chaos-bot.log").open("wb")
    cmd = [sys.executable, "-m", "bench.chaos", "--child", standin.base_url, standin.gateway_url, str(ops_port)]
    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO, stderr=log)
    ok = True
    try:
        await standin.wait_for_request("PUT", r"^/applications/\d+/commands$", timeout=60)
        await standin.wait_for_identify(timeout=60)
        h = Harness(standin, proc, ops_port)
        gc.freeze()  # the stand-in's request log grows to millions of objects: full collections here would
        gc.disable()  # stall the stand-in for hundreds of ms and be charged to the bot's answer times
        await asyncio.sleep(0.5)
        idle = _rss_mb(proc.pid)
        await h.drive(random.Random(1), 50, 100, False, None)  # warm-up
        await h.drain()
        print(f"\n(bot pid {proc.pid} in a child process; stand-in in this one; {os.cpu_count()} cores shared)")
        _row("bot RSS once READY / after 100 warm-up requests", f"{idle:.1f} / {_rss_mb(proc.pid):.1f} MB")
        if "standin" in phases:
            ok &= await phase_standin(h, args.standin, args.standin_rate)
        if "soak" in phases:
            ok &= await phase_soak(h, args.soak_seconds, args.soak_rate)
        if "long" in phases:
            ok &= await phase_long(h, args.long_seconds)
        errors = await h.metric('jobbot_errors_total{kind="exception"}')
        _row("\nbot's own count of exceptions (jobbot_errors_total)", 0 if errors != errors else int(errors))
    finally:
        gc.enable()
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
        await standin.stop()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--phases", default="fuzz,standin,soak,long", help="comma separated: fuzz,standin,soak,long")
    parser.add_argument("--fuzz", type=int, default=1_000_000, help="inputs through the engine")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="processes for the fuzz phase")
    parser.add_argument("--standin", type=int, default=50_000, help="hostile requests through the stand-in")
    parser.add_argument("--standin-rate", type=float, default=150.0, help="requests/s for the stand-in phase")
    parser.add_argument("--soak-seconds", type=float, default=600.0)
    parser.add_argument("--soak-rate", type=float, default=200.0)
    parser.add_argument("--long-seconds", type=float, default=60.0)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    phases = set(args.phases.split(","))
    ok = True
    if "fuzz" in phases:
        ok &= run_fuzz(args.fuzz, args.workers)
    if phases & {"standin", "soak", "long"}:
        ok &= bool(asyncio.run(bot_phases(args, phases)))
    print(f"\n{'all safety counts zero and targets met' if ok else 'SOME COUNT OR TARGET MISSED (see above)'}")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
