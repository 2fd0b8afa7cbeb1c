"""`jobbot run --shards N --processes P`: P child processes, each running its share of the N shards.

The engine is CPU-bound Python, so one process (even with discord.py's AutoShardedBot) answers on one core at
a time; a second process is what puts a second core to work. The children are plain `jobbot run` processes
told their shards through SHARD_COUNT / SHARD_IDS, started and stopped together: when one exits, the others
are stopped too and the supervisor exits with the first failure's code, so a service manager restarts the
set as a whole. This module does not import discord.py: the supervisor never loads the bot itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import FrameType

from pydantic import ValidationError

from bot.frontends.health import OpsSettings

STOP_GRACE = 10.0  # seconds a child gets to close its gateway sessions before it is killed
STOPPED = (-signal.SIGINT, -signal.SIGTERM)  # a child ended by the stop we asked for, not a failure
POLL = 0.2
CONFIG_ERROR = 2  # as the launcher's (which imports discord.py, so it is not imported here)


def split_shards(count: int, processes: int) -> list[list[int]]:
    """Shard ids 0..count-1 in `processes` contiguous runs whose sizes differ by at most one."""
    if count < 1 or processes < 1:
        raise ValueError("the shard count and the process count must be at least 1")
    if processes > count:
        raise ValueError(f"{processes} processes for {count} shards would leave a process idle")
    size, extra = divmod(count, processes)
    runs: list[list[int]] = []
    start = 0
    for index in range(processes):
        end = start + size + (1 if index < extra else 0)
        runs.append(list(range(start, end)))
        start = end
    return runs


@dataclass(frozen=True)
class Child:
    """One process to supervise: its command line and its full environment."""

    argv: list[str]
    env: dict[str, str]


def shard_children(
    count: int,
    processes: int,
    *,
    sync: bool,
    environ: Mapping[str, str],
    health_port: int | None,
    python: str = sys.executable,
) -> list[Child]:
    """The `jobbot run` children for `count` shards over `processes` processes. Only the first syncs slash
    commands (one sync is enough and several would race); child i serves health on HEALTH_PORT + i."""
    children = []
    for index, ids in enumerate(split_shards(count, processes)):
        env = dict(environ)
        env["SHARD_COUNT"] = str(count)
        env["SHARD_IDS"] = ",".join(map(str, ids))
        if health_port is not None:
            env["HEALTH_PORT"] = str(health_port + index)
        argv = [python, "-m", "bot.frontends.cli", "run"] + (["--sync"] if sync and index == 0 else [])
        children.append(Child(argv, env))
    return children


class Supervisor:
    """Starts the children, waits until one exits or stop() is called, then stops them all."""

    def __init__(self, children: Sequence[Child]) -> None:
        self.children = list(children)
        self.procs: list[subprocess.Popen[bytes]] = []
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Ask for a clean stop of the whole set (what SIGTERM and SIGINT do)."""
        self._stopping.set()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stop()

    def run(self) -> int:
        """The first non-zero exit code among the children, or 0 after a requested stop."""
        try:
            for child in self.children:
                self.procs.append(subprocess.Popen(child.argv, env=child.env))
            first: int | None = None
            while not self._stopping.is_set():
                exited = [p for p in self.procs if p.poll() is not None]
                if exited:
                    first = exited[0].returncode
                    break
                self._stopping.wait(POLL)
        finally:
            codes = self._stop_all()
        failures = [code for code in ([first] if first is not None else []) + codes if code not in (0, *STOPPED)]
        return failures[0] if failures else 0

    def _stop_all(self) -> list[int]:
        """SIGINT first, as Ctrl-C would: `jobbot run` then closes its gateway sessions and exits 0."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        codes = []
        for proc in self.procs:
            try:
                codes.append(proc.wait(timeout=STOP_GRACE))
            except subprocess.TimeoutExpired:
                proc.kill()
                codes.append(proc.wait())
        return codes


def supervise(children: Sequence[Child]) -> int:
    """Runs the children until one exits or this process gets SIGTERM / SIGINT; returns the exit code."""
    supervisor = Supervisor(children)
    previous = {sig: signal.signal(sig, supervisor._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return supervisor.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_processes(count: int, processes: int, *, sync: bool) -> int:
    """`jobbot run --shards count --processes processes`; exit 2 (as `jobbot run`) when HEALTH_PORT is bad."""
    try:
        health_port = OpsSettings().health_port
    except (UnicodeDecodeError, OSError, ValidationError) as exc:
        sys.stderr.write(f"jobbot: configuration error: HEALTH_PORT/HEALTH_HOST ({type(exc).__name__})\n")
        return CONFIG_ERROR
    return supervise(shard_children(count, processes, sync=sync, environ=os.environ, health_port=health_port))
