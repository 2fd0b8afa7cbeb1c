"""Benchmark of the answer engine: `python -m bench [--titles PATH] [--scale N]`. Prints figures; asserts nothing.

Cold start is measured in fresh interpreters with a compiled cache of their own: once empty (the first
start after a knowledge change builds the index) and then as every later start finds it.

Reads real job titles with their SOC codes from ../shared/eval/titles_dev.tsv (beside the repo),
and employer-typed titles from ../shared/eval/titles_h2b_dev.tsv, adds typo'd variants, and measures
cold start, matching, autocomplete, full answers, memory, accuracy, and a plain rapidfuzz
`extractOne(WRatio)` over the same stored titles as a baseline, in the same run. `--scale N` runs it all
on the knowledge copied N times (bench/scale.py), made in a temporary directory and removed afterwards.

H-2B misses at top 1 are counted by cause, each by the first rule that holds:
- SOC not published by OEWS: the expected code is not one jobbot can answer with.
- ambiguous label: the query (normalised) is exactly a stored title, of several occupations or of
  another occupation only; the vocabulary itself files the words elsewhere.
- missing vocabulary: no stored title of the expected occupation shares a content word with the query.
- ranking: the expected occupation's titles share words with the query, but another one ranks first.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import scale

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TITLES = REPO.parent / "shared" / "eval" / "titles_dev.tsv"
DEFAULT_H2B = REPO.parent / "shared" / "eval" / "titles_h2b_dev.tsv"
TARGETS = {
    "match p99 ms": 2.0,
    "full answer p99 ms": 3.0,
    "autocomplete p99 ms": 1.0,
    "cold start s": 1.0,
    "peak RSS MB": 150.0,
    "card p99 ms": 40.0,
    "cached card p99 ms": 1.0,
    "PNG KB": 150.0,
    "h2b top-1 %": 70.0,
    "dev top-1 %": 97.0,
    "wrong %": 3.0,
}
AT_LEAST = frozenset({"h2b top-1 %", "dev top-1 %"})
COLD_RUNS = 3
CACHED_CARDS = 150
COLD_START = (
    "import time, resource; t = time.perf_counter(); from bot.answer.engine import Engine; e = Engine(); "
    "e.answer('will AI replace paralegals?'); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def load_titles(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["title"], row["soc"]) for row in csv.DictReader(handle, delimiter="\t")]


def typo(text: str, rng: random.Random) -> str:
    """One realistic slip: a dropped, doubled, swapped or wrong letter inside a word."""
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 4:
        return text
    i = rng.choice(positions[1:-1])
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + text[i + 1 :]


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[str], object], queries: Sequence[str]) -> tuple[list[float], list[object]]:
    times, results = [], []
    for q in queries:
        started = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - started) * 1000)
    return times, results


def line(label: str, value: float, unit: str, target: str | None = None) -> None:
    goal = TARGETS.get(target or "")
    verdict = ""
    if goal is not None:
        at_least = target in AT_LEAST
        met = value >= goal if at_least else value <= goal
        verdict = f" (target {'≥' if at_least else '≤'} {goal:g}: {'met' if met else 'MISSED'})"
    print(f"{label:<44} {value:10.3f} {unit}{verdict}")


def bench_cards(engine: Any) -> None:
    """Share cards: every profile's job card drawn uncached (layout, paint, PNG), then again from the cache."""
    from bot.answer.cards import job_figures
    from bot.answer.parts import Parts
    from bot.present import cards
    from bot.present.reply import ReplyKind
    from bot.sources.refs import ProfileRef

    parts = Parts(engine._parts.knowledge)
    figures = [job_figures(parts, parts.summaries.get(pid)) for pid in sorted(parts.knowledge.profiles)]
    cards.render(figures[0])  # fonts load once per process
    cold, sizes = [], []
    for f in figures:
        started = time.perf_counter()
        sizes.append(len(cards.render(f)))
        cold.append((time.perf_counter() - started) * 1000)
    replies = [engine.show(ProfileRef(pid), ReplyKind.SUMMARY) for pid in sorted(parts.knowledge.profiles)]
    for reply in replies:
        card = engine.card(reply)
        assert card is not None
        card.draw()

    def ready(reply: Any) -> object:
        card = engine.card(reply)
        assert card is not None and card.ready is not None
        return card.ready

    # the cache keeps the most recent cards within its byte budget (about 200 job cards): repeat those
    cached, _ = timed(ready, replies[-CACHED_CARDS:])
    print(f"\n== share cards ({len(figures)} job cards, 1200x630)")
    line("card render p50 (uncached)", percentile(cold, 0.5), "ms")
    line("card render p99 (uncached)", percentile(cold, 0.99), "ms", "card p99 ms")
    line(f"card p50 (cached, last {len(cached)} drawn)", percentile(cached, 0.5), "ms")
    line("card p99 (cached)", percentile(cached, 0.99), "ms", "cached card p99 ms")
    line("PNG size median", statistics.median(sizes) / 1024, "KB")
    line("PNG size max", max(sizes) / 1024, "KB", "PNG KB")


def load_h2b(path: Path) -> list[tuple[str, str, int]]:
    with path.open(encoding="utf-8") as handle:
        return [(r["title"], r["soc"], int(r["applications"])) for r in csv.DictReader(handle, delimiter="\t")]


def accuracy(
    name: str,
    rows: Sequence[tuple[str, str, int]],
    predict: Callable[[str], tuple[list[str], bool]],
    oews: set[str],
) -> dict[str, float]:
    """Top-1 / top-3 SOC accuracy (plain and weighted by `rows`' weights) and the confident-but-wrong rate.

    The expected SOC is read as OEWS publishes it (a detailed code, a merged code or its broad group),
    since OEWS codes are what jobbot answers with; titles whose SOC OEWS does not publish count as misses.
    """
    from bot.build.onet import oews_code

    t1 = t3 = w1 = w3 = wrong = right = 0.0
    total_w = sum(w for _, _, w in rows)
    for title, soc, weight in rows:
        want = oews_code(soc, oews) or soc
        socs, confident = predict(title)
        hit1, hit3 = bool(socs) and socs[0] == want, want in socs[:3]
        t1, t3 = t1 + hit1, t3 + hit3
        w1, w3 = w1 + weight * hit1, w3 + weight * hit3
        wrong += confident and not hit1
        right += confident and hit1
    n = max(len(rows), 1)
    return {
        "top-1 %": 100 * t1 / n,
        "top-3 %": 100 * t3 / n,
        "top-1 weighted %": 100 * w1 / max(total_w, 1),
        "top-3 weighted %": 100 * w3 / max(total_w, 1),
        "confident but wrong %": 100 * wrong / n,
        "confident and right %": 100 * right / n,
        "right but not confident %": 100 * (t1 - right) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--titles", type=Path, default=DEFAULT_TITLES)
    parser.add_argument("--h2b", type=Path, default=DEFAULT_H2B)
    parser.add_argument("--typos", type=int, default=2, help="typo'd variants per real title")
    parser.add_argument("--misses", action="store_true", help="list the H-2B titles missed at top 1 under each cause")
    parser.add_argument("--accuracy-only", action="store_true", help="only the accuracy figures and miss causes")
    parser.add_argument("--baseline", type=int, default=400, help="dev titles the slow WRatio baseline runs on")
    parser.add_argument("--cards-only", action="store_true", help="only the share card figures")
    parser.add_argument("--scale", type=int, default=1, help="copies of every profile and title (synthetic)")
    args = parser.parse_args()
    if args.cards_only:
        from bot.answer.engine import Engine

        bench_cards(Engine())
        return
    if not args.titles.is_file() or not args.h2b.is_file():
        sys.exit(f"no dev titles at {args.titles} or {args.h2b}; pass --titles / --h2b PATH")
    if args.scale < 1:
        sys.exit("--scale must be at least 1")
    if args.accuracy_only:
        accuracy_only(args)
        return
    with scale.scaled_root(args.scale) as (root, scaled):
        print(
            f"== scale {args.scale}: {len(scaled.knowledge.profiles)} profiles, "
            f"{scale.title_count(scaled.knowledge):,} titles (profile titles and aliases, BLS and O*NET titles)"
        )
        if args.scale > 1:
            print("accuracy counts a copy's synthetic SOC as the real SOC it copies, so it stays comparable")
        print()
        run(args, root, scaled)


def run(args: argparse.Namespace, root: Path, scaled: scale.Scaled) -> None:
    """Every figure, on the knowledge in `root` (the cold start reads it there too)."""
    with tempfile.TemporaryDirectory(prefix="jobbot-bench-cache-") as cache:
        env = {**os.environ, "JOBBOT_KNOWLEDGE_DIR": str(root), "JOBBOT_CACHE_DIR": cache}

        def start() -> tuple[float, int]:
            cold = subprocess.run(
                [sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True, cwd=REPO, env=env
            )
            seconds, rss_kb = cold.stdout.split()
            return float(seconds), int(rss_kb)

        first = start()  # an empty cache: what the first start after a knowledge change pays
        runs = [start() for _ in range(COLD_RUNS)]
    print(f"== cold start (fresh interpreter: import, load, matcher, first answer; median of {COLD_RUNS})")
    line("import+load+first answer", statistics.median(s for s, _ in runs), "s", "cold start s")
    line("peak RSS after cold start", max(kb for _, kb in runs) / 1024, "MB", "peak RSS MB")
    line("first start after a knowledge change", first[0], "s")
    line("its peak RSS (validates, builds the index)", first[1] / 1024, "MB")

    from rapidfuzz import fuzz, process, utils

    from bot.answer.engine import Engine
    from bot.frontends.discord.payloads import to_payload

    knowledge = scaled.knowledge
    engine = Engine(knowledge)
    oews = set(knowledge.wages.occupations) - set(scaled.origin)  # real codes: a copy is scored as its original
    rng = random.Random(2026)
    titles = load_titles(args.titles)
    h2b = load_h2b(args.h2b)
    queries = [t for t, _ in titles] + [t for t, _, _ in h2b]
    queries += [typo(t, rng) for t, _ in titles for _ in range(args.typos)]
    print(f"\n== {len(queries)} queries ({len(titles)} dev titles, {len(h2b)} H-2B titles, the rest typo'd dev titles)")
    engine.match("warm up")
    engine.suggest_titles("warm up")
    gc.collect()
    gc.freeze()  # as `jobbot run` does once the knowledge is loaded: it never becomes garbage
    match_ms, _ = timed(engine.match, queries)
    line("match p50", percentile(match_ms, 0.5), "ms")
    line("match p99", percentile(match_ms, 0.99), "ms", "match p99 ms")

    engine.suggest_titles("warm up")
    prefixes = [t[: rng.randint(1, 12)] for t in queries[:3000]]
    auto_ms, _ = timed(engine.suggest_titles, prefixes)
    line("autocomplete p50", percentile(auto_ms, 0.5), "ms")
    line("autocomplete p99", percentile(auto_ms, 0.99), "ms", "autocomplete p99 ms")

    answer_ms, _ = timed(lambda t: to_payload(engine.answer(f"will AI replace {t}?")), queries)
    line("full answer (parse+match+score+render) p50", percentile(answer_ms, 0.5), "ms")
    line("full answer p99", percentile(answer_ms, 0.99), "ms", "full answer p99 ms")

    def ours(text: str) -> tuple[list[str], bool]:
        result = engine.match(text)
        return [scaled.real(c.target.soc) for c in result.candidates], result.verdict.value == "confident"

    # Baseline: rapidfuzz WRatio over the same stored titles (profile titles, aliases, O*NET and BLS titles).
    labels = stored_titles(knowledge)
    choices = [str(utils.default_process(label)) for label, _ in labels]

    def plain_wratio(text: str) -> tuple[list[str], bool]:
        hits = process.extract(str(utils.default_process(text)), choices, scorer=fuzz.WRatio, processor=None, limit=15)
        socs = list(dict.fromkeys(scaled.real(labels[i][1]) for _, _, i in hits))
        return socs, False

    dev_rows = [(t, soc, 1) for t, soc in titles]
    sample = rng.sample(dev_rows, min(args.baseline, len(dev_rows)))
    sets = (
        ("H-2B employer titles", h2b, h2b, "h2b top-1 %"),
        ("dev titles (O*NET, a vocabulary look-up)", dev_rows, sample, "dev top-1 %"),
    )
    for name, rows, baseline_rows, top1 in sets:
        print(f"\n== {name}: {len(rows)} titles (baseline on {len(baseline_rows)})")
        for label, found in accuracy(name, rows, ours, oews).items():
            line(f"jobbot {label}", found, "", {"top-1 %": top1, "confident but wrong %": "wrong %"}.get(label))
        if baseline_rows is not rows:
            line("jobbot top-1 % on the baseline's sample", accuracy(name, baseline_rows, ours, oews)["top-1 %"], "")
        base_ms, _ = timed(plain_wratio, [t for t, _, _ in baseline_rows])
        for label, found in accuracy(name, baseline_rows, plain_wratio, oews).items():
            if "confident" not in label:
                line(f"plain WRatio {label}", found, "")
        line("plain WRatio match p50", percentile(base_ms, 0.5), "ms")
        line("plain WRatio match p99", percentile(base_ms, 0.99), "ms")
    misses(engine, h2b, oews, args.misses)

    if args.scale == 1:
        bench_cards(engine)
    else:
        print("\n== share cards: skipped at scale > 1 (a card's cost does not depend on the profile count)")

    print(
        f"\n== memory\n{'peak RSS of this benchmark process':<44} "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:10.1f} MB"
    )


def stored_titles(knowledge: Any) -> list[tuple[str, str]]:
    """The titles the matcher stores, as written (the baseline gets them unnormalised): profile titles and
    aliases, and each OEWS occupation's BLS and O*NET titles, with their SOC codes."""
    found = [(label, p.soc) for p in knowledge.profiles.values() for label in (p.title, *p.aliases)]
    for soc, wage in knowledge.wages.occupations.items():
        found += [(label, soc) for label in (wage.title, *knowledge.titles.get(soc, ()))]
    return list(dict.fromkeys(found))


def accuracy_only(args: argparse.Namespace) -> None:
    """The accuracy half of the benchmark, for quick iteration on matching (about ten seconds)."""
    from bot.answer.engine import Engine
    from bot.sources.load import default_knowledge

    knowledge = default_knowledge()
    engine = Engine(knowledge)
    oews = set(knowledge.wages.occupations)

    def ours(text: str) -> tuple[list[str], bool]:
        result = engine.match(text)
        return [c.target.soc for c in result.candidates], result.verdict.value == "confident"

    h2b = load_h2b(args.h2b)
    dev_rows = [(t, soc, 1) for t, soc in load_titles(args.titles)]
    for name, rows, top1 in (("H-2B employer titles", h2b, "h2b top-1 %"), ("dev titles", dev_rows, "dev top-1 %")):
        print(f"\n== {name}: {len(rows)} titles")
        for label, found in accuracy(name, rows, ours, oews).items():
            line(f"jobbot {label}", found, "", {"top-1 %": top1, "confident but wrong %": "wrong %"}.get(label))
    misses(engine, h2b, oews, args.misses)


STOP_WORDS = frozenset({"and", "or", "of", "the", "in", "for", "to", "with", "on", "at", "a"})


def misses(engine: Any, rows: Sequence[tuple[str, str, int]], oews: set[str], examples: bool) -> None:
    """H-2B misses at top 1 by cause (the rules are in the module docstring)."""
    from bot.build.onet import oews_code

    matcher = engine._parts.matcher
    words_of: dict[str, set[str]] = {}
    for norm, owner in zip(matcher._choices, matcher._owners, strict=True):
        words_of.setdefault(owner.soc, set()).update(norm.split())
    for norm, owner in matcher._exact.items():
        words_of.setdefault(owner.soc, set()).update(norm.split())
    causes: dict[str, list[str]] = {}
    for title, soc, _ in rows:
        want = oews_code(soc, oews)
        result = engine.match(title)
        socs = [c.target.soc for c in result.candidates]
        if socs and socs[0] == want:
            continue
        variants = matcher._variants(title)
        filed = {t.soc for n in variants for t in matcher._official_many.get(n, [])}
        filed |= {matcher._official[n].soc for n in variants if n in matcher._official}
        filed |= {matcher._exact[n].soc for n in variants if n in matcher._exact}
        words = {w for n in variants for w in n.split()} - STOP_WORDS
        if want is None:
            cause = "SOC not published by OEWS"
        elif len(filed) > 1:
            cause = "ambiguous label: an exact stored title of several occupations"
        elif filed and want not in filed:
            cause = "ambiguous label: an exact stored title of another occupation only"
        elif not words & words_of.get(want, set()):
            cause = "missing vocabulary: no title of the occupation shares a word with the query"
        else:
            cause = "ranking: the occupation's titles share words, another ranks first"
        causes.setdefault(cause, []).append(f"{title} [{want or soc}] -> {socs[:3]}")
    print(f"\n== H-2B misses at top 1 by cause ({sum(map(len, causes.values()))} of {len(rows)})")
    for cause, found in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(found):5d}  {cause}")
        for example in found if examples else ():
            print(f"         {example}")


if __name__ == "__main__":
    main()
