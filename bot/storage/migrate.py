"""Alembic, driven from code: the migration scripts ship in this package, so an installed wheel can migrate.

Only `jobbot db upgrade` and tests import this; the running bot reads its schema's revision with `revision`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None, "the package ships at least one migration"
    return revision


def upgrade(connection: Connection) -> tuple[str | None, str]:
    """Runs inside the caller's transaction; returns (revision before, revision after)."""
    before = MigrationContext.configure(connection).get_current_revision()
    command.upgrade(config(connection), "head")
    return before, head()
