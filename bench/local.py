"""Benchmark of answers with a location: `python -m bench.local`. Prints figures; asserts nothing.

Measures what naming a place costs: the first answer with a location (reads the area index and one
area file), later answers with a location across many areas, the memory the area tables add, and
that a plain cold start reads none of them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from bench.__main__ import REPO, line, percentile

PROBE = """
import gc, random, resource, sys, time
from bot.answer.engine import Engine
def rss(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter(); e = Engine(); e.answer("will AI replace paralegals?"); cold = time.perf_counter() - t
loaded = e._parts._places is not None
titles = [s.title for s in e.summaries()]
for title in titles:
    e.job(title)  # every summary computed once, so what follows measures the location alone
gc.collect(); gc.freeze()  # as the Discord launcher does once the knowledge is loaded
before = rss()
t = time.perf_counter(); e.job("registered nurse", where="Texas"); first = time.perf_counter() - t
rng = random.Random(7)
places = [p.name for p in e.suggest_places("")] + [a.name for a in e._parts.local.areas().values()]
times = []
for _ in range(3000):
    t = time.perf_counter(); e.job(rng.choice(titles), where=rng.choice(places)); times.append(time.perf_counter() - t)
print(cold, before, int(loaded), first, rss(), " ".join(f"{x:.6f}" for x in times))
"""


def main() -> None:
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=REPO)
        cold, before, loaded, first, after, *times = out.stdout.split()
        runs.append((float(cold), float(before), int(loaded), float(first), float(after), [float(t) for t in times]))
    print(
        "== answers with a location (3 fresh interpreters; summaries warmed, then gc.freeze() as the bot does;"
        " 3,000 answers each over random jobs and areas)"
    )
    line("cold start without a location (median)", statistics.median(r[0] for r in runs), "s")
    print(f"{'area files read during a plain cold start':<44} {'none' if not any(r[2] for r in runs) else 'SOME'}")
    line("first answer with a location (median)", statistics.median(r[3] for r in runs) * 1000, "ms")
    samples = [t * 1000 for r in runs for t in r[5]]
    line("answer with a location p50, after the first", percentile(samples, 0.5), "ms")
    line("answer with a location p99, after the first", percentile(samples, 0.99), "ms")
    line("peak RSS before any location (summaries warm)", max(r[1] for r in runs), "MB")
    line("peak RSS after 3,000 located answers", max(r[4] for r in runs), "MB")
    line("RSS the area tables add (max over runs)", max(r[4] - r[1] for r in runs), "MB")


if __name__ == "__main__":
    main()
