"""Prometheus metrics of the Discord bot: answers by kind, engine latency, errors by kind, event-loop stalls.

Counters live in one registry of their own (not prometheus-client's global one), served at /metrics by
`bot.frontends.discord.ops` with the gauges read from the running bot (gateway latency, cache sizes).
Labels take a small, fixed set of values: reply kinds and the error kinds below, never user text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# What `error(kind)` counts; anything else is counted as "other" so a typo cannot grow the label set.
ERROR_KINDS = (
    "exception",
    "lost_response",
    "malformed_event",
    "autocomplete",
    "notice_undelivered",
    "card",
    "card_skipped",
    "card_undelivered",
    "shed",
)
STALL_INTERVAL = 0.025  # seconds between event-loop lag probes

REGISTRY = CollectorRegistry(auto_describe=True)
ANSWERS = Counter("jobbot_answers", "Replies sent, by reply kind", ["kind"], registry=REGISTRY)
MATCH_SECONDS = Histogram(
    "jobbot_match_seconds",
    "Engine time to match a request and build its reply (off the event loop)",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
    registry=REGISTRY,
)
ERRORS = Counter("jobbot_errors", "Failures, by kind", ["kind"], registry=REGISTRY)
STALL_SECONDS = Histogram(
    "jobbot_event_loop_stall_seconds",
    "How late the event loop ran a timer (lag beyond the scheduled wake-up)",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
    registry=REGISTRY,
)
STALL_MAX = Gauge("jobbot_event_loop_stall_max_seconds", "Longest event-loop stall seen", registry=REGISTRY)


def answered(kind: str) -> None:
    ANSWERS.labels(kind=kind).inc()


def error(kind: str) -> None:
    ERRORS.labels(kind=kind if kind in ERROR_KINDS else "other").inc()


@contextmanager
def matching() -> Iterator[None]:
    """Times one engine call."""
    started = time.perf_counter()
    try:
        yield
    finally:
        MATCH_SECONDS.observe(time.perf_counter() - started)


class StallWatch:
    """Wakes every STALL_INTERVAL and records how late it woke: the event loop's longest blocking stretch."""

    def __init__(self) -> None:
        self.max_stall = 0.0

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + STALL_INTERVAL
            await asyncio.sleep(STALL_INTERVAL)
            late = max(0.0, loop.time() - due)
            STALL_SECONDS.observe(late)
            if late > self.max_stall:
                self.max_stall = late
                STALL_MAX.set(late)
