"""Discord throughput benchmark: `python -m bench.discord`. Prints figures; asserts nothing.

The local Discord stand-in (tests/standin) runs in this process and the real bot in one or more child
processes (`--processes`, each with its share of `--shards`, as `jobbot run --shards N --processes P` splits
them), so the stand-in and the bot do not share an event loop; they do share the machine's cores, which real
Discord would not. Each rate sends a mix of requests (`--mix`): /job with titles already asked (cached), /job
with titles never seen before (real H-2B filing titles with a random typo or suffix), mentions of the bot,
/compare and autocomplete. An interaction is timed from INTERACTION_CREATE leaving the stand-in to the bot's
callback request arriving at it; a mention from MESSAGE_CREATE leaving it to the bot's reply arriving.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
H2B = REPO.parent / "shared" / "eval" / "titles_h2b_dev.tsv"
TOKEN = "MTIzNDU2Nzg5MDEy.GabcDE.standin-token-for-bench-only-xyz"
CALLBACK = re.compile(r"^/interactions/(\d+)/[^/]+/callback$")
CHANNEL_MESSAGE = re.compile(r"^/channels/\d+/messages$")
CARD_EDIT = re.compile(r"^/webhooks/\d+/([^/]+)/messages/@original$")
KINDS = ("cached", "new", "mention", "compare", "autocomplete")
DEFAULT_MIX = "cached=60,new=10,mention=15,compare=5,autocomplete=10"
DEADLINE = 3.0  # Discord's window for the first response to an interaction
DRAIN = 30.0  # seconds to wait for the last answers after the last request was sent
KEPT = 20_000  # stand-in messages and interactions kept during a run
CACHED_TITLES = 200  # profile titles asked during warm-up, then asked again as "cached"
WARM_RATE = 20.0  # requests per second of that warm-up
SUFFIXES = ("I", "II", "III", "lead", "trainee", "(part time)", "- nights", "seasonal", "apprentice", "remote")
PREFIXES = ("senior", "junior", "assistant", "head", "relief", "temporary")
MENTIONS = ("will AI replace {t}?", "is {t} safe from AI?", "{t}", "should a {t} worry about AI?")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def parse_mix(text: str) -> dict[str, float]:
    """'cached=50,new=20' → shares of the traffic by kind; kinds left out get none."""
    weights: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, value = part.partition("=")
        if kind not in KINDS:
            raise SystemExit(f"--mix: unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
        weights[kind] = float(value)
    if sum(weights.values()) <= 0:
        raise SystemExit("--mix: give at least one kind a positive weight")
    return weights


def typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped with the next or replaced."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 2:
        return text + "s"
    i = rng.choice(letters[:-1])
    how = rng.randrange(4)
    if how == 0:
        return text[:i] + text[i + 1 :]
    if how == 1:
        return text[:i] + text[i] + text[i:]
    if how == 2:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeiourstnl") + text[i + 1 :]


def never_seen(rng: random.Random, titles: list[str], seen: set[str]) -> Iterator[str]:
    """Real-looking titles no one asked before: an H-2B title, cased as people type, with a typo, a suffix
    or a prefix, and checked against everything already produced (the bot's caches must miss)."""
    count = 0
    while True:
        count += 1
        base = rng.choice(titles)
        base = rng.choice((base, base.lower(), base.title()))
        for _ in range(20):
            change = rng.randrange(3)
            if change == 0:
                title = typo(rng, base)
            elif change == 1:
                title = f"{base} {rng.choice(SUFFIXES)}"
            else:
                title = f"{rng.choice(PREFIXES)} {typo(rng, base)}"
            if title.lower() not in seen:
                break
        else:
            title = f"{base} (req {count})"
        seen.add(title.lower())
        yield title[:200]


def read_h2b(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[0].strip() for line in lines if line.strip()]


# ------------------------------------------------------------------------------------------------ the bot
def child(base: str, gateway: str, shard_count: int, shard_ids: str, sync: bool, database: str) -> None:
    """The bot under test, set up as `jobbot run` sets it up and pointed at the stand-in by its two base URLs,
    with storage at `database` (a URL, or "" for none). Prints one line, "ready", once READY arrived and (for
    the first process) the commands were synced."""
    import discord
    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.answer.engine import Engine
    from bot.frontends.discord.client import JobBot, ShardedJobBot
    from bot.frontends.discord.memory import tune_allocator

    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    tune_allocator()
    engine = Engine()
    engine.suggest_titles("")
    gc.collect()
    gc.freeze()  # as the launcher does: the loaded knowledge never becomes garbage
    options: dict[str, Any] = {"cooldown": (1_000_000, 1.0), "sync_on_start": sync, "guild_ready_timeout": 0.05}
    if database:
        from bot.storage.store import Store

        options["store"] = Store(database)
    bot: JobBot
    if shard_count > 1:
        ids = [int(s) for s in shard_ids.split(",")] if shard_ids else None
        bot = ShardedJobBot(engine, shard_count=shard_count, shard_ids=ids, **options)
    else:
        bot = JobBot(engine, **options)

    async def no_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def announce() -> None:
        print("ready", flush=True)

    def card_counts(signum: int, frame: object) -> None:
        from bot.frontends.discord import metrics

        skipped = metrics.ERRORS.labels(kind="card_skipped")._value.get()
        print(f"cards skipped {skipped:.0f}", flush=True)

    signal.signal(signal.SIGUSR1, card_counts)  # the parent asks after each rate
    bot.before_identify_hook = no_delay  # type: ignore[method-assign]
    bot.add_listener(announce, "on_ready")
    discord.utils.setup_logging(level=40)
    bot.run(TOKEN, log_handler=None)


def _proc_stat(pid: int) -> tuple[float, float, float]:
    """CPU seconds, current RSS and peak RSS (MB) of a process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        status = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
        )
        return cpu, int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024
    except (OSError, IndexError, ValueError, KeyError):
        return float("nan"), float("nan"), float("nan")


def _machine_cpu() -> float:
    """CPU seconds all processes on the machine have used since boot (busy time of every core)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


async def start_bots(
    standin: Any, shards: int, processes: int, database: str
) -> tuple[list[asyncio.subprocess.Process], float]:
    """Starts the bot processes; returns them and the seconds from spawning to the last one being ready."""
    from bot.frontends.discord.shards import split_shards

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    groups = split_shards(shards, processes) if shards > 1 else [[]]
    started = time.perf_counter()
    procs = []
    for index, ids in enumerate(groups):
        args = [
            standin.base_url,
            standin.gateway_url,
            str(shards),
            ",".join(map(str, ids)),
            str(int(index == 0)),
            database or "-",
        ]
        procs.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.discord",
                "--child",
                *args,
                env=env,
                cwd=REPO,
                stdout=asyncio.subprocess.PIPE,
            )
        )
    for proc in procs:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), timeout=60)
        if line.strip() != b"ready":
            raise RuntimeError(f"bot process {proc.pid} did not become ready")
    return procs, time.perf_counter() - started


async def cards_skipped(procs: list[asyncio.subprocess.Process]) -> str:
    """Each bot process's count of cards it skipped under load, asked for with SIGUSR1."""
    counts = []
    for proc in procs:
        assert proc.stdout is not None
        proc.send_signal(signal.SIGUSR1)
        try:
            line = await asyncio.wait_for(proc.stdout.readline(), timeout=5)
        except TimeoutError:
            line = b"?"
        counts.append(line.decode().strip().removeprefix("cards skipped "))
    return " + ".join(counts)


# ------------------------------------------------------------------------------------------------ traffic
@dataclass
class Sent:
    kind: str
    key: int  # interaction id, or message id for a mention
    at: float
    answered: float | None = None
    status: int = 0
    card: str = ""  # "first" (in the first response), "edit" (edited in later) or "" (none arrived)
    carded: float | None = None  # when the card arrived


@dataclass
class Collector:
    """Matches the bot's requests to what was sent, as they arrive, and trims the stand-in's records so a
    ten-minute run does not hold every request and attachment it ever saw."""

    standin: Any
    interactions: dict[int, Sent] = field(default_factory=dict)
    mentions: dict[int, Sent] = field(default_factory=dict)
    tokens: dict[str, Sent] = field(default_factory=dict)

    def scan(self) -> None:
        requests = self.standin.rest.requests
        for request in requests:
            request.blobs.clear()
            edit = CARD_EDIT.match(request.path) if request.method == "PATCH" else None
            if edit and request.files:
                sent = self.tokens.get(edit.group(1))
                if sent is not None and not sent.card:
                    sent.card, sent.carded = "edit", request.at
                continue
            if request.method != "POST":
                continue
            match = CALLBACK.match(request.path)
            if match:
                sent = self.interactions.get(int(match.group(1)))
                if sent is not None and sent.answered is None:
                    sent.answered, sent.status = request.at, request.status
                    if request.files:
                        sent.card, sent.carded = "first", request.at
            elif CHANNEL_MESSAGE.match(request.path) and isinstance(request.json, dict):
                reference = request.json.get("message_reference") or {}
                sent = self.mentions.get(int(reference.get("message_id") or 0))
                if sent is not None and sent.answered is None:
                    sent.answered, sent.status = request.at, request.status
        requests.clear()
        self.standin.rest.files.clear()
        world = self.standin.world
        for store in (world.messages, world.interactions, world.tokens):
            if len(store) > KEPT * 2:  # newest KEPT only: a request older than that was answered or dropped
                newest = list(store.items())[-KEPT:]
                store.clear()
                store.update(newest)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.scan()
            await asyncio.sleep(0.05)
        self.scan()


@dataclass
class Traffic:
    """What to send: titles, guild channels and the mix."""

    cached: list[str]
    fresh: Iterator[str]
    channels: list[int]
    mix: dict[str, float]

    async def send(self, standin: Any, collector: Collector, rng: random.Random, kind: str, user: int) -> Sent:
        channel = rng.choice(self.channels)
        if kind == "mention":
            text = rng.choice(MENTIONS).format(t=rng.choice(self.cached).lower())
            at = standin.now()
            delivered = await standin.message_create(text, user_id=user, mention_bot=True, channel_id=channel)
            sent = Sent(kind, int(delivered["id"]) if delivered else 0, at)
            collector.mentions[sent.key] = sent
            return sent
        if kind == "autocomplete":
            prefix = rng.choice(self.cached)[: rng.randint(1, 6)]
            record = await standin.autocomplete(
                "job", {"title": prefix}, focused="title", user_id=user, channel_id=channel
            )
        elif kind == "compare":
            first, second = rng.sample(self.cached, 2)
            record = await standin.slash_command(
                "compare", {"first": first, "second": second}, user_id=user, channel_id=channel
            )
        else:
            title = rng.choice(self.cached) if kind == "cached" else next(self.fresh)
            record = await standin.slash_command("job", {"title": title}, user_id=user, channel_id=channel)
        sent = Sent(kind, record.id, record.created_at)
        collector.interactions[sent.key] = sent
        collector.tokens[record.token] = sent
        return sent


async def run_rate(standin: Any, traffic: Traffic, rate: float, seconds: float, seed: int) -> dict[str, Any]:
    """Sends `rate` requests per second for `seconds`; returns what was sent and when it was answered."""
    rng = random.Random(seed)
    kinds, weights = zip(*traffic.mix.items(), strict=True)
    collector = Collector(standin)
    stop = asyncio.Event()
    collecting = asyncio.create_task(collector.run(stop))
    count = int(rate * seconds)
    sent: list[Sent] = []
    behind = 0
    started = time.perf_counter()
    for n in range(count):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.05:
            behind += 1
        kind = rng.choices(kinds, weights)[0]
        sent.append(await traffic.send(standin, collector, rng, kind, 10_000_000 + seed * 1_000_000 + n))
    sent_for = time.perf_counter() - started
    deadline = time.perf_counter() + DRAIN
    while any(s.answered is None for s in sent) and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)  # cards edited in after the last answer
    stop.set()
    await collecting
    return {"sent": sent, "sent_for": sent_for, "behind": behind}


def report(rate: float, seconds: float, result: dict[str, Any]) -> dict[str, float]:
    sent: list[Sent] = result["sent"]
    answered = [s for s in sent if s.answered is not None]
    ms = {id(s): (s.answered - s.at) * 1000 for s in answered if s.answered is not None}
    done_for = max((s.answered or 0.0) for s in answered) - sent[0].at if answered else float("nan")
    late = sum(1 for s in answered if ms[id(s)] > DEADLINE * 1000)
    refused = sum(1 for s in answered if s.status != 200)
    print(f"\n-- offered {rate:g}/s for {seconds:g} s: {len(sent)} requests")
    print(
        f"achieved send rate {len(sent) / result['sent_for']:.1f}/s, answered {len(answered) / done_for:.1f}/s; "
        f"dropped (no answer in {DRAIN:g} s) {len(sent) - len(answered)}, late (> {DEADLINE:g} s) {late}, "
        f"refused (non-200) {refused}, sends > 50 ms behind schedule {result['behind']}"
    )
    print(f"{'kind':<14}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    figures: dict[str, float] = {}
    groups = [(k, [s for s in answered if s.kind == k]) for k in KINDS]
    groups.append(("callbacks", [s for s in answered if s.kind != "mention"]))
    groups.append(("all", answered))
    for name, group in groups:
        if not group:
            continue
        values = [ms[id(s)] for s in group]
        p50, p95, p99 = (percentile(values, q) for q in (0.5, 0.95, 0.99))
        print(f"{name:<14}{len(group):>8}{p50:>10.2f}{p95:>10.2f}{p99:>10.2f}{max(values):>10.2f}")
        figures[f"{name}_p99"] = p99
    carded = [s for s in answered if s.kind in ("cached", "new", "compare")]  # /job and /compare show a card
    if carded:
        first = sum(1 for s in carded if s.card == "first")
        edits = [((s.carded or 0.0) - (s.answered or 0.0)) * 1000 for s in carded if s.card == "edit"]
        edited = f"; edited in {len(edits)}, p50 / p99 {percentile(edits, 0.5):.1f} / {percentile(edits, 0.99):.1f} ms"
        none = len(carded) - first - len(edits)
        print(
            f"cards of /job and /compare answers: {len(carded)} answers, in the first response {first}"
            f"{edited if edits else ''} after the answer; without a card (a menu, or skipped) {none}"
        )
    return figures


TARGETS = {200.0: 10.0, 500.0: 25.0}  # callback p99 targets (ms) of the scale issue, on two cores


async def main_async(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(REPO))
    from bot.sources.load import load_knowledge
    from tests.standin import DiscordStandIn, GuildSpec

    rates = [float(r) for r in args.rates.split(",")]
    seconds = args.minutes * 60 if args.minutes else args.seconds
    mix = parse_mix(args.mix)
    shards = max(args.shards, args.processes)
    rng = random.Random(args.seed)
    profiles = sorted(p.title for p in load_knowledge().profiles.values())
    cached = rng.sample(profiles, min(CACHED_TITLES, len(profiles)))
    fresh = never_seen(rng, read_h2b(args.h2b), {t.lower() for t in profiles})
    # guild ids spread over the shards: a guild's shard is (id >> 22) % shard count
    guilds = [GuildSpec(name=f"guild {k}", id=(k + 1) << 22) for k in range(args.guilds)]
    standin = DiscordStandIn(
        token=TOKEN, callback_deadline=DEADLINE, echo_events=False, guilds=guilds, shard_count=shards
    )
    await standin.start()
    channels = [standin.world.guilds[g.id].channel_ids[0] for g in guilds if g.id is not None]
    procs: list[asyncio.subprocess.Process] = []
    scratch = tempfile.TemporaryDirectory(prefix="jobbot-bench-")
    database = ""
    if args.store:
        from bot.storage.store import Store

        database = f"sqlite+aiosqlite:///{scratch.name}/jobbot.sqlite3"
        migrated = Store(database)
        await migrated.upgrade()  # as `jobbot db upgrade` before a release starts
        await migrated.close()
    try:
        procs, ready = await start_bots(standin, shards, args.processes, database)
        where = f"{args.processes} process(es), {shards} shard(s), {args.guilds} guilds"
        where += ", storage: SQLite (the pulse read for every summary)" if database else ", no storage"
        print(f"== bot: {where}; stand-in in this process; {os.cpu_count()} cores shared")
        print(f"mix: {', '.join(f'{k} {v:g}' for k, v in mix.items())}")
        print(f"{'bot ready (spawn → READY, commands synced)':<44} {ready:8.2f} s")
        rss = ", ".join(f"{_proc_stat(p.pid)[1]:.1f}" for p in procs)
        print(f"{'bot RSS when ready':<44} {rss} MB")
        traffic = Traffic(cached, fresh, channels, mix)
        warm = Traffic(cached, fresh, channels, {"cached": 1.0})
        # every "cached" title asked once, slowly enough that the bot's drawing budget draws every card
        await run_rate(standin, warm, WARM_RATE, len(cached) / WARM_RATE, seed=0)
        await run_rate(standin, traffic, 50, 2, seed=1)  # and every path once: connection pool, first renders
        for position, rate in enumerate(rates, start=2):
            before = [_proc_stat(p.pid) for p in procs]
            own_cpu, machine_cpu, wall = time.process_time(), _machine_cpu(), time.perf_counter()
            gc.collect()
            gc.disable()  # the stand-in's own collector pauses would be charged to the bot otherwise
            try:
                result = await run_rate(standin, traffic, rate, seconds, seed=position)
            finally:
                gc.enable()
            after = [_proc_stat(p.pid) for p in procs]
            own_cpu = time.process_time() - own_cpu
            wall = time.perf_counter() - wall
            ours = own_cpu + sum(a[0] - b[0] for a, b in zip(after, before, strict=True))
            others = (_machine_cpu() - machine_cpu - ours) / wall
            figures = report(rate, seconds, result)
            skipped = await cards_skipped(procs)
            print(f"cards skipped by the bot (drawing budget or backlog), counted since start: {skipped}")
            target = TARGETS.get(rate)
            if target is not None:
                met = "met" if figures.get("callbacks_p99", float("inf")) <= target else "MISSED"
                print(f"callback p99 target at {rate:g}/s: ≤ {target:g} ms ({met})")
            cpu = " + ".join(f"{a[0] - b[0]:.1f}" for a, b in zip(after, before, strict=True))
            print(f"CPU s: bot {cpu}, stand-in {own_cpu:.1f}; other processes used {others:.2f} of the cores")
            rss = ", ".join(f"{a[1]:.1f} (peak {a[2]:.1f})" for a in after)
            print(f"bot RSS after this run, MB: {rss}")
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.send_signal(signal.SIGINT)  # as Ctrl-C: the bot closes its gateway sessions
        for proc in procs:
            try:
                await asyncio.wait_for(proc.wait(), timeout=10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        await standin.stop()
        scratch.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.discord")
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    parser.add_argument(
        "--store", action="store_true", help="with storage, as `jobbot run` has by default: SQLite in a temporary dir"
    )
    parser.add_argument("--rates", default="200,500", help="offered requests per second, comma separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each rate is sent")
    parser.add_argument("--minutes", type=float, help="the same in minutes (a sustained run; overrides --seconds)")
    parser.add_argument("--mix", default=DEFAULT_MIX, help=f"shares by kind ({', '.join(KINDS)})")
    parser.add_argument("--shards", type=int, default=1, help="total shards (at least --processes)")
    parser.add_argument("--processes", type=int, default=1, help="bot processes the shards are split over")
    parser.add_argument("--guilds", type=int, default=4, help="guilds the traffic is spread over")
    parser.add_argument("--h2b", type=Path, default=H2B, help="titles for the never-seen kind (first column)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if args.child:
        base, gateway, count, ids, sync, database = args.child
        child(base, gateway, int(count), ids, sync == "1", "" if database == "-" else database)
        return
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
