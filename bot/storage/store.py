"""Every read and write the front ends make, each one short transaction with a time limit.

A call that fails because the database is down, locked or slow raises `StorageUnavailable`
after at most `timeout` seconds; the caller says so to the user and carries on. The pool
checks a connection before using it, so when the database comes back the next call works.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import case, delete, event, func, insert, null, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.storage import revision
from bot.storage.pulse import Answer, Counts, Pulse
from bot.storage.schema import PROFILE_ID, QUERY, REASON, comparison_threads, feedback, pulse_votes, saved_jobs
from bot.storage.settings import StorageSettings

T = TypeVar("T")
log = logging.getLogger("jobbot.storage")
VOTE_BATCH = 500
PULSE_TTL = 30.0  # seconds a summary may show pulse figures read earlier (votes through this process: none)
PULSE_KEPT = 4096  # (job, server) pulse figures kept for that time


class PulseCache:
    """Pulse figures by (job, server) for PULSE_TTL seconds. Summaries are asked for far more often than anyone
    votes, and each read is a query (about 1.7 ms of the bot's CPU on SQLite, where a summary takes 1 ms to
    answer). A vote through this process drops its job's figures at once, so the voter's next summary counts
    it; votes through other processes (several shards on one PostgreSQL) show within PULSE_TTL."""

    def __init__(self, ttl: float = PULSE_TTL, kept: int = PULSE_KEPT) -> None:
        self.ttl, self.kept = ttl, kept
        self._items: OrderedDict[tuple[str, int | None], tuple[float, Pulse]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, profile_id: str, guild_id: int | None) -> Pulse | None:
        item = self._items.get((profile_id, guild_id))
        if item is None or time.monotonic() - item[0] > self.ttl:
            return None
        return item[1]

    def put(self, pulse: Pulse, guild_id: int | None) -> None:
        key = (pulse.profile_id, guild_id)
        self._items[key] = (time.monotonic(), pulse)
        self._items.move_to_end(key)
        while len(self._items) > self.kept:
            self._items.popitem(last=False)

    def drop(self, profile_id: str | None = None) -> None:
        """A job's figures (every server's), or all of them."""
        if profile_id is None:
            self._items.clear()
            return
        for key in [k for k in self._items if k[0] == profile_id]:
            del self._items[key]


class StorageUnavailable(Exception):
    """The database could not be reached, or did not answer in time."""


class SchemaBehind(Exception):
    """The database has not been migrated to this release's schema."""


@dataclass(slots=True)
class _Vote:
    profile_id: str
    user_id: int
    guild_id: int | None
    answer: Answer
    future: asyncio.Future[Pulse]

    def fail(self, exc: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(exc if isinstance(exc, Exception) else StorageUnavailable("shutting down"))
            self.future.exception()  # retrieved here, so a caller that stopped waiting leaves no warning behind


@dataclass(frozen=True, slots=True)
class SavedJob:
    profile_id: str
    query: str
    tasks: tuple[int, ...] | None  # the tasks that take most of the user's time, when they personalised


@dataclass(frozen=True, slots=True)
class FeedbackNote:
    kind: str  # "wrong-job" or "disagree"
    query: str
    profile_id: str
    reason: str
    user_id: int
    guild_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Forgotten:
    votes: int
    saved_jobs: int
    feedback: int

    @property
    def total(self) -> int:
        return self.votes + self.saved_jobs + self.feedback


def _now() -> datetime:
    return datetime.now(UTC)


def _is_outage(exc: BaseException) -> bool:
    """Errors that mean 'the database is not there right now', as opposed to bugs."""
    return isinstance(exc, SQLAlchemyError | OSError | TimeoutError) or type(exc).__module__.startswith("asyncpg")


async def _bounded(work: Awaitable[T], timeout: float) -> T:
    """`work`'s result, or TimeoutError after `timeout` seconds. Unlike asyncio.wait_for, it does not wait
    for the cancelled work to clean up: a driver stuck in a blocking call must not hold the caller."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
    except asyncio.CancelledError:
        task.cancel()
        raise
    if not done:
        task.cancel()
        task.add_done_callback(_consume)
        raise TimeoutError(f"no answer within {timeout:g} s")
    return task.result()


def _consume(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


def create_engine(url: str, timeout: float = 2.0) -> AsyncEngine:
    """SQLite: a few connections in WAL mode (readers never wait for the writer).
    PostgreSQL: a small pool that checks each connection before use, so a restarted server is picked up."""
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url,
            pool_size=4,
            max_overflow=4,
            pool_timeout=30,
            pool_reset_on_return=None,  # every transaction ends in commit or rollback; reads hold none
            connect_args={"timeout": timeout},
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # in WAL mode a commit survives a crash of the process
            cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")  # a locked file waits no longer than a call
            cursor.close()

        return engine
    return create_async_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        pool_timeout=30,
        connect_args={"timeout": timeout, "command_timeout": timeout},
    )


class Store:
    def __init__(self, url: str, *, timeout: float = 2.0) -> None:
        self.url = url
        self.timeout = timeout
        self.engine = create_engine(url, timeout)
        self.dialect = self.engine.dialect.name
        self._votes: list[_Vote] = []
        self._writer: asyncio.Task[None] | None = None
        self.pulses = PulseCache()

    @classmethod
    def from_settings(cls, settings: StorageSettings | None = None) -> Store:
        settings = settings or StorageSettings()
        return cls(settings.url, timeout=settings.database_timeout)

    async def close(self) -> None:
        """Lets the votes in hand commit, then closes the connections; bounded, so a dead database cannot hold it."""
        with contextlib.suppress(Exception):
            if self._writer is not None:
                await _bounded(asyncio.shield(self._writer), 2 * self.timeout)
            await _bounded(self.engine.dispose(), 2 * self.timeout)

    # ---- plumbing ----------------------------------------------------------------------------
    async def _call(self, work: Callable[[], Awaitable[T]], timeout: float | None = None) -> T:
        try:
            return await _bounded(work(), timeout or self.timeout)
        except Exception as exc:
            if not _is_outage(exc):
                raise
            log.warning("storage unavailable: %s", type(exc).__name__, extra={"event": "storage", "detail": str(exc)})
            raise StorageUnavailable(str(exc) or type(exc).__name__) from exc

    @contextlib.asynccontextmanager
    async def _tx(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.begin() as conn:
            yield conn

    def _upsert(self, table: Any, values: dict[str, Any], keys: Sequence[str]) -> Any:
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        statement = dialect.insert(table).values(**values)
        changes = {k: statement.excluded[k] for k in values if k not in keys}
        return statement.on_conflict_do_update(index_elements=list(keys), set_=changes)

    # ---- schema ------------------------------------------------------------------------------
    async def upgrade(self) -> tuple[str | None, str]:
        """Migrates to this release's schema; returns (revision before, revision now)."""
        from bot.storage import migrate  # Alembic: only `jobbot db upgrade` and tests need it

        async with self._tx() as conn:
            return await conn.run_sync(migrate.upgrade)

    async def schema_status(self) -> revision.Status:
        async def work() -> revision.Status:
            async with self.engine.connect() as conn:
                return await conn.run_sync(revision.status)

        return await self._call(work, timeout=max(self.timeout, 10.0))

    async def require_schema(self) -> None:
        status = await self.schema_status()
        if not status.current_is_head:
            raise SchemaBehind(status.describe())

    # ---- pulse -------------------------------------------------------------------------------
    async def vote(self, profile_id: str, user_id: int, guild_id: int | None, answer: Answer) -> Pulse:
        """Records (or changes) one user's answer for one job; returns the figures including it.

        Votes that arrive together are written in one transaction (group commit); each caller
        gets its answer only after that transaction committed."""
        vote = _Vote(profile_id[:PROFILE_ID], user_id, guild_id, answer, asyncio.get_running_loop().create_future())
        self._votes.append(vote)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_votes(), name="jobbot-vote-writer")
        try:
            return await _bounded(asyncio.shield(vote.future), self.timeout)
        except Exception as exc:
            if not _is_outage(exc):
                raise
            log.warning("storage unavailable: %s", type(exc).__name__, extra={"event": "storage", "detail": str(exc)})
            raise StorageUnavailable(str(exc) or type(exc).__name__) from exc

    async def _write_votes(self) -> None:
        while self._votes:
            batch, self._votes = self._votes[:VOTE_BATCH], self._votes[VOTE_BATCH:]
            try:
                pulses = await _bounded(self._commit_votes(batch), self.timeout)
            except BaseException as exc:
                for vote in batch:
                    vote.fail(exc)
                if not isinstance(exc, Exception):
                    raise
            else:
                for profile_id in {vote.profile_id for vote in batch}:
                    self.pulses.drop(profile_id)
                for (_, guild_id), pulse in pulses.items():
                    self.pulses.put(pulse, guild_id)
                for vote in batch:
                    if not vote.future.done():
                        vote.future.set_result(pulses[vote.profile_id, vote.guild_id])

    async def _commit_votes(self, batch: list[_Vote]) -> dict[tuple[str, int | None], Pulse]:
        latest = {(v.profile_id, v.user_id): v for v in batch}  # one user clicking twice: the later answer
        now = _now()
        rows = [
            {
                "profile_id": v.profile_id,
                "user_id": v.user_id,
                "guild_id": v.guild_id,
                "answer": int(v.answer),
                "voted_at": now,
            }
            for v in latest.values()
        ]
        async with self._tx() as conn:
            statement = self._upsert(pulse_votes, rows[0], ("profile_id", "user_id"))
            await conn.execute(statement, rows if len(rows) > 1 else rows[0])
            return {key: await self._pulse(conn, *key) for key in {(v.profile_id, v.guild_id) for v in batch}}

    async def pulse(self, profile_id: str, guild_id: int | None = None, timeout: float | None = None) -> Pulse:
        """A job's figures, everyone's and this server's; read within the last PULSE_TTL seconds at most."""
        cached = self.pulses.get(profile_id, guild_id)
        if cached is not None:
            return cached

        async def work() -> Pulse:
            async with self.engine.connect() as conn:
                return await self._pulse(conn, profile_id, guild_id)

        pulse = await self._call(work, timeout)
        self.pulses.put(pulse, guild_id)
        return pulse

    async def _pulse(self, conn: AsyncConnection, profile_id: str, guild_id: int | None) -> Pulse:
        """Everyone's counts and, in the same query, this server's."""
        here = func.sum(case((pulse_votes.c.guild_id == guild_id, 1), else_=0)) if guild_id is not None else null()
        query = (
            select(pulse_votes.c.answer, func.count(), here)
            .where(pulse_votes.c.profile_id == profile_id)
            .group_by(pulse_votes.c.answer)
        )
        rows = (await conn.execute(query)).all()
        everyone = Counts.from_rows({int(a): int(n) for a, n, _ in rows})
        server = None if guild_id is None else Counts.from_rows({int(a): int(h or 0) for a, _, h in rows})
        return Pulse(profile_id, everyone, server)

    async def user_vote(self, profile_id: str, user_id: int) -> Answer | None:
        async def work() -> Answer | None:
            async with self.engine.connect() as conn:
                query = select(pulse_votes.c.answer).where(
                    pulse_votes.c.profile_id == profile_id, pulse_votes.c.user_id == user_id
                )
                value = (await conn.execute(query)).scalar_one_or_none()
                return None if value is None else Answer(value)

        return await self._call(work)

    # ---- saved job ---------------------------------------------------------------------------
    async def save_job(self, user_id: int, profile_id: str, query: str, tasks: Sequence[int] | None = None) -> None:
        """Saves the user's job; `tasks` (their time split) is kept when the job stays the same and none is given."""

        async def work() -> None:
            async with self._tx() as conn:
                values: dict[str, Any] = {
                    "user_id": user_id,
                    "profile_id": profile_id[:PROFILE_ID],
                    "query": query[:QUERY],
                    "tasks": _join(tasks),
                    "saved_at": _now(),
                }
                if tasks is None:
                    old = await self._saved(conn, user_id)
                    if old is not None and old.profile_id == profile_id:
                        values["tasks"] = _join(old.tasks)
                await conn.execute(self._upsert(saved_jobs, values, ("user_id",)))

        await self._call(work)

    async def saved_job(self, user_id: int) -> SavedJob | None:
        async def work() -> SavedJob | None:
            async with self.engine.connect() as conn:
                return await self._saved(conn, user_id)

        return await self._call(work)

    async def _saved(self, conn: AsyncConnection, user_id: int) -> SavedJob | None:
        query = select(saved_jobs.c.profile_id, saved_jobs.c.query, saved_jobs.c.tasks).where(
            saved_jobs.c.user_id == user_id
        )
        row = (await conn.execute(query)).first()
        if row is None:
            return None
        tasks = tuple(int(t) for t in row.tasks.split(",") if t.isdigit()) if row.tasks else None
        return SavedJob(row.profile_id, row.query, tasks)

    # ---- feedback ----------------------------------------------------------------------------
    async def add_feedback(self, note: FeedbackNote) -> None:
        async def work() -> None:
            async with self._tx() as conn:
                await conn.execute(
                    insert(feedback).values(
                        user_id=note.user_id,
                        guild_id=note.guild_id,
                        kind=note.kind[:20],
                        query=note.query[:QUERY],
                        profile_id=note.profile_id[:PROFILE_ID],
                        reason=note.reason[:REASON],
                        created_at=_now(),
                    )
                )

        await self._call(work)

    async def feedback_notes(self) -> list[FeedbackNote]:
        async def work() -> list[FeedbackNote]:
            async with self.engine.connect() as conn:
                rows = (await conn.execute(select(feedback).order_by(feedback.c.id))).all()
            return [
                FeedbackNote(r.kind, r.query, r.profile_id, r.reason, r.user_id, r.guild_id, _aware(r.created_at))
                for r in rows
            ]

        return await self._call(work, timeout=max(self.timeout, 30.0))

    # ---- comparison threads ------------------------------------------------------------------
    async def remember_thread(self, thread_id: int, profile_ids: Sequence[str]) -> None:
        async def work() -> None:
            async with self._tx() as conn:
                values = {"thread_id": thread_id, "profile_ids": ",".join(profile_ids), "created_at": _now()}
                await conn.execute(self._upsert(comparison_threads, values, ("thread_id",)))

        await self._call(work)

    async def thread_jobs(self, thread_id: int) -> tuple[str, ...] | None:
        async def work() -> tuple[str, ...] | None:
            async with self.engine.connect() as conn:
                query = select(comparison_threads.c.profile_ids).where(comparison_threads.c.thread_id == thread_id)
                value = (await conn.execute(query)).scalar_one_or_none()
            return tuple(value.split(",")) if value else None

        return await self._call(work)

    async def prune_threads(self, older_than: timedelta) -> int:
        async def work() -> int:
            async with self._tx() as conn:
                query = delete(comparison_threads).where(comparison_threads.c.created_at < _now() - older_than)
                return int((await conn.execute(query)).rowcount or 0)

        return await self._call(work)

    # ---- privacy -----------------------------------------------------------------------------
    async def forget(self, user_id: int) -> Forgotten:
        """Deletes everything stored about one user, in one transaction."""

        async def work() -> Forgotten:
            async with self._tx() as conn:
                counts = [
                    (await conn.execute(delete(table).where(table.c.user_id == user_id))).rowcount or 0
                    for table in (pulse_votes, saved_jobs, feedback)
                ]
            self.pulses.drop()  # their answers no longer count anywhere
            return Forgotten(*counts)

        return await self._call(work)

    async def about_user(self, user_id: int) -> dict[str, int]:
        """How many rows each table holds about one user (what /forget-me would delete)."""

        async def work() -> dict[str, int]:
            async with self.engine.connect() as conn:
                return {
                    table.name: int(
                        (await conn.execute(select(func.count()).where(table.c.user_id == user_id))).scalar_one()
                    )
                    for table in (pulse_votes, saved_jobs, feedback)
                }

        return await self._call(work)


def _join(tasks: Sequence[int] | None) -> str | None:
    return None if tasks is None else ",".join(str(int(t)) for t in tasks)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
