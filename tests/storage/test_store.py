"""The store on both backends: migrations, the pulse, saved jobs, feedback, threads, forgetting, faults."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.frontends.cli import main as cli_main
from bot.frontends.discord.launcher import SCHEMA_BEHIND, open_store
from bot.storage import migrate, revision
from bot.storage.pulse import Answer, Counts
from bot.storage.schema import metadata, pulse_votes
from bot.storage.settings import async_url
from bot.storage.store import FeedbackNote, SchemaBehind, StorageUnavailable, Store
from tests.storage.postgres import Cluster

GUILD, OTHER_GUILD = 111, 222


async def test_migrations_build_exactly_the_declared_schema(database_url: str) -> None:
    fresh = Store(database_url)
    assert not (await fresh.schema_status()).current_is_head
    with pytest.raises(SchemaBehind):
        await fresh.require_schema()
    assert (await fresh.schema_status()).current is None
    assert await fresh.upgrade() == (None, migrate.head())
    assert await fresh.upgrade() == (migrate.head(), migrate.head())  # idempotent
    await fresh.require_schema()
    assert (await fresh.schema_status()).current == migrate.head()
    async with fresh.engine.connect() as conn:
        diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), metadata))
    assert diff == [], "schema.py and the migrations disagree: add a migration"
    await fresh.close()


def test_the_bot_knows_the_newest_migration_without_alembic() -> None:
    """The bot reads its schema's revision without importing Alembic; its HEAD must be the scripts' head."""
    assert migrate.head() == revision.HEAD


def test_the_bot_does_not_import_alembic() -> None:
    code = (
        "import sys, bot.frontends.discord.launcher; print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_migration_scripts_ship_inside_the_package() -> None:
    assert migrate.MIGRATIONS.parent == Path(migrate.__file__).parent
    assert any(migrate.MIGRATIONS.glob("versions/*.py"))


async def test_one_vote_per_user_and_job_changeable(store: Store) -> None:
    await store.vote("paralegal", 1, GUILD, Answer.NOT_YET)
    await store.vote("paralegal", 2, GUILD, Answer.A_LOT)
    pulse = await store.vote("paralegal", 1, OTHER_GUILD, Answer.A_LITTLE)  # changed, from another server
    assert pulse.everyone == Counts((0, 1, 1, 0))
    assert pulse.server == Counts((0, 1, 0, 0))
    assert (await store.pulse("paralegal", GUILD)).server == Counts((0, 0, 1, 0))
    assert (await store.pulse("paralegal")).server is None
    assert (await store.pulse("dentist", GUILD)).everyone.n == 0
    assert await store.user_vote("paralegal", 1) == Answer.A_LITTLE
    assert pulse.everyone.share(Answer.A_LOT) == 50.0


async def test_a_thousand_concurrent_votes_are_counted_exactly(store: Store) -> None:
    answers = [Answer(u % 4) for u in range(1000)]
    await asyncio.gather(*(store.vote("cashier", u, GUILD if u % 2 else None, a) for u, a in enumerate(answers)))
    pulse = await store.pulse("cashier", GUILD)
    assert pulse.everyone == Counts((250, 250, 250, 250))
    assert pulse.server == Counts((0, 250, 0, 250))


async def test_saved_job_keeps_the_split_until_the_job_changes(store: Store) -> None:
    await store.save_job(7, "paralegal", "paralegal", [0, 2])
    await store.save_job(7, "paralegal", "legal assistant")  # same job again: the split stays
    saved = await store.saved_job(7)
    assert saved is not None and saved.tasks == (0, 2) and saved.query == "legal assistant"
    await store.save_job(7, "dentist", "dentist")
    assert (await store.saved_job(7)) == type(saved)("dentist", "dentist", None)
    assert await store.saved_job(8) is None


async def test_comparison_threads_are_kept_and_pruned(store: Store) -> None:
    await store.remember_thread(99, ("dentist", "dental-hygienist"))
    assert await store.thread_jobs(99) == ("dentist", "dental-hygienist")
    assert await store.thread_jobs(98) is None
    assert await store.prune_threads(timedelta(days=30)) == 0
    assert await store.prune_threads(timedelta(seconds=-1)) == 1
    assert await store.thread_jobs(99) is None


async def test_forget_me_deletes_everything_about_the_user_and_nothing_else(store: Store) -> None:
    for pid in ("paralegal", "dentist", "cashier"):
        await store.vote(pid, 5, GUILD, Answer.A_LOT)
        await store.vote(pid, 6, GUILD, Answer.NOT_YET)
    await store.save_job(5, "paralegal", "paralegal", [1])
    await store.save_job(6, "dentist", "dentist")
    await store.add_feedback(FeedbackNote("disagree", "paralegal", "paralegal", "too high", user_id=5))
    await store.add_feedback(FeedbackNote("wrong-job", "rn", "registered-nurse", "I'm an LPN", user_id=6))
    assert await store.about_user(5) == {"pulse_votes": 3, "saved_jobs": 1, "feedback": 1}
    gone = await store.forget(5)
    assert (gone.votes, gone.saved_jobs, gone.feedback, gone.total) == (3, 1, 1, 5)
    assert await store.about_user(5) == {"pulse_votes": 0, "saved_jobs": 0, "feedback": 0}
    assert await store.about_user(6) == {"pulse_votes": 3, "saved_jobs": 1, "feedback": 1}
    assert (await store.pulse("paralegal")).everyone == Counts((1, 0, 0, 0))
    assert (await store.forget(5)).total == 0


def test_cli_migrates_prints_the_pulse_and_exports_feedback(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert cli_main(["pulse", "paralegal"]) == 1
    assert "run `jobbot db upgrade` first" in capsys.readouterr().err
    assert cli_main(["db", "status"]) == 1
    assert cli_main(["db", "upgrade"]) == 0
    assert "migrated from empty to" in capsys.readouterr().out
    assert cli_main(["db", "status"]) == 0

    async def fill() -> None:
        store = Store(database_url)
        for user in range(30):
            await store.vote("paralegal", user, GUILD, Answer(user % 2))
        note = FeedbackNote("disagree", "paralegal", "paralegal", "drafting is 80% “AI” now", 1, GUILD)
        await store.add_feedback(note)
        await store.close()

    asyncio.run(fill())
    assert cli_main(["pulse", "paralegal"]) == 0
    out = capsys.readouterr().out
    assert "Has AI already changed your work? Paralegal" in out and "n = 30" in out and "Not yet 50% (15)" in out
    assert cli_main(["pulse", "paralegal", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["everyone"]["counts"]["a_little"] == 15
    assert cli_main(["feedback", "export"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        {
            "created_at": rows[0]["created_at"],
            "kind": "disagree",
            "query": "paralegal",
            "profile_id": "paralegal",
            "reason": "drafting is 80% “AI” now",
            "guild_id": GUILD,
        }
    ]
    assert cli_main(["feedback", "export", "-o", str(tmp_path / "f.jsonl")]) == 0
    assert len((tmp_path / "f.jsonl").read_text().splitlines()) == 1


def test_run_refuses_a_schema_that_is_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'old.sqlite3'}")
    assert open_store() == SCHEMA_BEHIND
    assert "run `jobbot db upgrade` first" in capsys.readouterr().err
    assert cli_main(["db", "upgrade"]) == 0
    assert not isinstance(open_store(), int)


def test_database_urls() -> None:
    assert async_url("postgresql://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    assert async_url("postgres://h/db") == "postgresql+asyncpg://h/db"
    assert async_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"
    assert async_url("postgresql+asyncpg://h/db") == "postgresql+asyncpg://h/db"


async def test_sqlite_uses_wal_mode(tmp_path: Path) -> None:
    store = Store(f"sqlite+aiosqlite:///{tmp_path / 'w.sqlite3'}")
    await store.upgrade()
    await store.vote("paralegal", 1, None, Answer.A_LOT)
    await store.close()
    with sqlite3.connect(tmp_path / "w.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_locked_sqlite_database_is_unavailable_in_time_then_works_again(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    store = Store(f"sqlite+aiosqlite:///{path}", timeout=0.5)
    await store.upgrade()
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock: the database is "slow"
    async with asyncio.timeout(30):  # a hang is a failure with a traceback, not a stuck suite
        started = time.perf_counter()
        with pytest.raises(StorageUnavailable):
            await store.vote("paralegal", 1, None, Answer.A_LOT)
        assert time.perf_counter() - started < 2.0
        blocker.rollback()
        blocker.close()
        pulse = await store.vote("paralegal", 1, None, Answer.A_LOT)  # same Store, no restart
        assert pulse.everyone.n == 1
        await store.close()


async def _stopped_then_started(postgres: Cluster, pg_url: str) -> None:
    store = Store(pg_url, timeout=1.0)
    await store.upgrade()
    await store.vote("paralegal", 1, None, Answer.A_LOT)
    await asyncio.to_thread(postgres.stop)
    try:
        with pytest.raises(StorageUnavailable):
            await store.vote("paralegal", 2, None, Answer.A_LOT)
        with pytest.raises(StorageUnavailable):
            await store.pulse("cashier")
        # figures read (or voted) in the last PULSE_TTL seconds are still shown meanwhile
        assert (await store.pulse("paralegal")).everyone == Counts((0, 0, 1, 0))
    finally:
        await asyncio.to_thread(postgres.start)
    assert (await store.vote("paralegal", 2, None, Answer.NOT_YET)).everyone == Counts((1, 0, 1, 0))
    await store.close()


def test_postgres_stopped_then_started_again_works_without_a_new_store(postgres: Cluster, pg_url: str) -> None:
    """On a loop of its own: the driver can leave a task on a connection the stop broke, and a test loop
    that waits for every task at teardown would wait for it forever (seen in CI). Such tasks are abandoned
    with this loop; the store itself must still recover, which is what is asserted."""
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(asyncio.wait_for(_stopped_then_started(postgres, pg_url), 90))
    finally:
        loop.close()


async def test_pulse_figures_are_read_again_after_a_while_or_a_vote_here(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summaries read the pulse from the cache for a while; a vote through this store shows at once, and one
    written elsewhere (another process) once the figures are older than PULSE_TTL."""
    await store.vote("paralegal", 1, GUILD, Answer.A_LOT)
    assert (await store.pulse("paralegal", GUILD)).everyone.n == 1
    async with store.engine.begin() as conn:  # another process's vote
        await conn.execute(
            pulse_votes.insert().values(
                profile_id="paralegal", user_id=2, guild_id=OTHER_GUILD, answer=0, voted_at=datetime.now(UTC)
            )
        )
    assert (await store.pulse("paralegal", GUILD)).everyone.n == 1  # not yet
    await store.vote("paralegal", 3, None, Answer.NOT_YET)  # a vote here reads the job afresh
    assert (await store.pulse("paralegal", GUILD)).everyone.n == 3

    async with store.engine.begin() as conn:
        await conn.execute(
            pulse_votes.insert().values(
                profile_id="paralegal", user_id=4, guild_id=None, answer=1, voted_at=datetime.now(UTC)
            )
        )
    assert (await store.pulse("paralegal", GUILD)).everyone.n == 3
    monkeypatch.setattr(store.pulses, "ttl", 0.0)  # as if PULSE_TTL had passed
    assert (await store.pulse("paralegal", GUILD)).everyone.n == 4
    assert len(store.pulses) <= store.pulses.kept


def test_other_cli_commands_never_load_sqlalchemy() -> None:
    code = "import sys; from bot.frontends import cli; cli.build_parser(); print('sqlalchemy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


async def test_the_health_check_reports_the_database(tmp_path: Path) -> None:
    from bot.frontends.discord.launcher import storage_check

    store = Store(f"sqlite+aiosqlite:///{tmp_path / 'health.sqlite3'}")
    try:
        assert await storage_check(store)() == (False, "database schema behind")
        await store.upgrade()
        assert await storage_check(store)() == (True, "database ok")
    finally:
        await store.close()
