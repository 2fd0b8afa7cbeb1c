"""Database fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL comes from `JOBBOT_TEST_POSTGRES_URL` / `JOBBOT_TEST_POSTGRES_DATA` (CI starts one),
or else from a throwaway cluster this session starts itself. With neither possible the
PostgreSQL half is skipped, unless `JOBBOT_TEST_POSTGRES_REQUIRED` is set: then it fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.storage.store import Store
from tests.storage.postgres import DATA_VAR, REQUIRED_VAR, URL_VAR, Cluster, bin_dir

BACKENDS = ["sqlite", "postgresql"]


def _unavailable(why: str) -> None:
    if os.environ.get(REQUIRED_VAR):
        pytest.fail(f"PostgreSQL is required ({REQUIRED_VAR}) but {why}")
    pytest.skip(f"PostgreSQL tests skipped: {why}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    if os.environ.get(URL_VAR):
        data = os.environ.get(DATA_VAR)
        if not data:
            pytest.fail(f"{URL_VAR} needs {DATA_VAR} (the cluster directory) so tests can stop and start it")
        yield Cluster(Path(data))
        return
    if bin_dir() is None:
        _unavailable("it is not installed (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="jobbot-pg-"))
    cluster = Cluster(root / "pg")
    try:
        cluster.init(fsync=False)
        cluster.start()
    except RuntimeError as exc:
        pytest.fail(f"PostgreSQL is installed but did not start: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(postgres: Cluster) -> Iterator[str]:
    """A fresh database in the session's cluster."""
    name = f"jobbot_{uuid.uuid4().hex[:12]}"
    postgres.start()  # a no-op when running; brings it back if a test left it stopped
    url = postgres.create_database(name)
    yield url
    postgres.drop_database(name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'jobbot.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    s = Store(database_url)
    await s.upgrade()
    yield s
    await s.close()
