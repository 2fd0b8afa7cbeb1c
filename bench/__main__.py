"""Benchmark of the answer engine: `python -m bench [--titles PATH]`. Prints figures; asserts nothing.

Reads real job titles with their SOC codes from ../shared/eval/titles_dev.tsv (beside the repo),
adds typo'd variants, and measures cold start, matching, autocomplete, full answers, memory,
accuracy, and a stdlib difflib matcher on the same queries as a baseline.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TITLES = REPO.parent / "shared" / "eval" / "titles_dev.tsv"
TARGETS = {
    "full answer p99 ms": 5.0,
    "autocomplete p99 ms": 2.0,
    "cold start s": 1.0,
    "peak RSS MB": 150.0,
    "top-1 covered %": 80.0,
    "card p99 ms": 40.0,
    "cached card p99 ms": 1.0,
    "PNG KB": 150.0,
}
COLD_RUNS = 3
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
        at_least = target == "top-1 covered %"
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
        engine.picture(reply)
    cached, _ = timed(engine.picture, replies)
    print(f"\n== share cards ({len(figures)} job cards, 1200x630)")
    line("card render p50 (uncached)", percentile(cold, 0.5), "ms")
    line("card render p99 (uncached)", percentile(cold, 0.99), "ms", "card p99 ms")
    line("card p50 (cached)", percentile(cached, 0.5), "ms")
    line("card p99 (cached)", percentile(cached, 0.99), "ms", "cached card p99 ms")
    line("PNG size median", statistics.median(sizes) / 1024, "KB")
    line("PNG size max", max(sizes) / 1024, "KB", "PNG KB")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--titles", type=Path, default=DEFAULT_TITLES)
    parser.add_argument("--typos", type=int, default=2, help="typo'd variants per real title")
    parser.add_argument("--baseline", type=int, default=200, help="dev titles the slow difflib baseline runs on")
    parser.add_argument("--cards-only", action="store_true", help="only the share card figures")
    args = parser.parse_args()
    if args.cards_only:
        from bot.answer.engine import Engine

        bench_cards(Engine())
        return
    if not args.titles.is_file():
        sys.exit(f"no dev titles at {args.titles}; pass --titles PATH")

    runs = []
    for _ in range(COLD_RUNS):
        cold = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True, cwd=REPO)
        seconds, rss_kb = cold.stdout.split()
        runs.append((float(seconds), int(rss_kb)))
    print(f"== cold start (fresh interpreter: import, load, build matcher, first answer; median of {COLD_RUNS})")
    line("import+load+first answer", statistics.median(s for s, _ in runs), "s", "cold start s")
    line("peak RSS after cold start", max(kb for _, kb in runs) / 1024, "MB", "peak RSS MB")

    from bot.answer.engine import Engine
    from bot.frontends.discord.payloads import to_payload
    from bot.sources.load import default_knowledge
    from bot.understand.matcher import TitleMatcher

    knowledge = default_knowledge()
    engine = Engine(knowledge)
    rng = random.Random(2026)
    titles = load_titles(args.titles)
    queries = [(t, soc) for t, soc in titles]
    queries += [(typo(t, rng), soc) for t, soc in titles for _ in range(args.typos)]
    texts = [q for q, _ in queries]
    print(f"\n== {len(queries)} queries ({len(titles)} real titles + {len(queries) - len(titles)} typo'd variants)")

    match_ms, results = timed(engine.match, texts)
    line("match p50", percentile(match_ms, 0.5), "ms")
    line("match p99", percentile(match_ms, 0.99), "ms")

    prefixes = [t[: rng.randint(1, 12)] for t in texts[:3000]]
    auto_ms, _ = timed(engine.suggest_titles, prefixes)
    line("autocomplete p50", percentile(auto_ms, 0.5), "ms")
    line("autocomplete p99", percentile(auto_ms, 0.99), "ms", "autocomplete p99 ms")

    answer_ms, _ = timed(lambda t: to_payload(engine.answer(f"will AI replace {t}?")), texts)
    line("full answer (parse+match+score+render) p50", percentile(answer_ms, 0.5), "ms")
    line("full answer p99", percentile(answer_ms, 0.99), "ms", "full answer p99 ms")

    covered = {p.soc for p in knowledge.profiles.values()}
    top1 = top3 = n_cov = wrong_conf = n_unc = 0
    for (_, soc), result in zip(queries[: len(titles)], results[: len(titles)], strict=True):
        socs = [c.target.soc for c in result.candidates]  # type: ignore[attr-defined]
        if soc in covered:
            n_cov += 1
            top1 += bool(socs) and socs[0] == soc
            top3 += soc in socs[:3]
        else:
            n_unc += 1
            wrong_conf += result.verdict.value == "confident" and (not socs or socs[0] != soc)  # type: ignore[attr-defined]
    typo_hits = sum(
        bool(r.candidates) and r.candidates[0].target.soc == soc  # type: ignore[attr-defined]
        for (_, soc), r in zip(queries[len(titles) :], results[len(titles) :], strict=True)
        if soc in covered
    )
    typo_cov = sum(soc in covered for _, soc in queries[len(titles) :])
    print(f"\n== accuracy on real dev titles ({n_cov} whose SOC has a profile, {n_unc} without)")
    line("top-1 SOC accuracy, covered titles", 100 * top1 / max(n_cov, 1), "%", "top-1 covered %")
    line("top-3 SOC accuracy, covered titles", 100 * top3 / max(n_cov, 1), "%")
    line("top-1 SOC accuracy, typo'd covered titles", 100 * typo_hits / max(typo_cov, 1), "%")
    line("confident but wrong SOC, titles without profile", 100 * wrong_conf / max(n_unc, 1), "%")

    # Baseline: difflib over the same stored strings, lowercased, no normalisation.
    matcher = TitleMatcher(knowledge)  # its stored labels, for difflib to search
    choices = [label.casefold() for label in matcher._labels]
    owners = matcher._owners
    index = {c: i for i, c in enumerate(choices)}

    def difflib_match(text: str) -> str | None:
        hit = difflib.get_close_matches(text.casefold(), choices, n=1, cutoff=0.0)
        return owners[index[hit[0]]].soc if hit else None

    sample = rng.sample(queries[: len(titles)], min(args.baseline, len(titles)))
    base_ms, base_socs = timed(difflib_match, [q for q, _ in sample])
    base_hits = sum(s == soc for (_, soc), s in zip(sample, base_socs, strict=True) if soc in covered)
    our_hits = sum(
        engine.match(q).candidates[0].target.soc == soc
        for q, soc in sample
        if soc in covered and engine.match(q).candidates
    )
    n_sample = sum(soc in covered for _, soc in sample)
    print(f"\n== stdlib difflib baseline (same stored titles, {len(sample)} real dev titles sampled)")
    line("difflib match p50", percentile(base_ms, 0.5), "ms")
    line("difflib match p99", percentile(base_ms, 0.99), "ms")
    line("difflib top-1 SOC accuracy, covered in sample", 100 * base_hits / max(n_sample, 1), "%")
    line("jobbot top-1 SOC accuracy, same sample", 100 * our_hits / max(n_sample, 1), "%")
    ours_real = match_ms[: len(titles)]
    line("latency ratio difflib/jobbot (p50)", statistics.median(base_ms) / statistics.median(ours_real), "x")
    line("accuracy ratio jobbot/difflib (top-1)", our_hits / max(base_hits, 1), "x")

    bench_cards(engine)

    print(
        f"\n== memory\n{'peak RSS of this benchmark process':<44} "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:10.1f} MB"
    )


if __name__ == "__main__":
    main()
