"""Alembic, driven from code: the migration scripts ship in this package, so an installed wheel can migrate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True, slots=True)
class Status:
    current: str | None
    head: str

    @property
    def current_is_head(self) -> bool:
        return self.current == self.head

    def describe(self) -> str:
        at = self.current or "empty (never migrated)"
        return f"the database schema is at {at}, this release needs {self.head}"


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


def status(connection: Connection) -> Status:
    return Status(MigrationContext.configure(connection).get_current_revision(), head())


def upgrade(connection: Connection) -> tuple[str | None, str]:
    """Runs inside the caller's transaction; returns (revision before, revision after)."""
    before = MigrationContext.configure(connection).get_current_revision()
    command.upgrade(config(connection), "head")
    return before, head()
