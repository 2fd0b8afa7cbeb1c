"""Where a database's schema stands, read without Alembic.

The bot checks the schema at start and in its health check; importing Alembic for that (with Mako
and Pygments) costs about 10 MB of resident memory for the life of the process. Alembic records the
revision in one table, so reading it takes one query. `HEAD` is the newest migration this release
ships; a test holds it equal to what Alembic's scripts say.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

HEAD = "0001"
VERSION_TABLE = "alembic_version"


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


def current(connection: Connection) -> str | None:
    """The revision Alembic stamped; None for a database never migrated. Several rows (branches this
    project does not make) read as their sorted list, which never equals a head."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = sorted(str(r[0]) for r in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")))
    return ",".join(rows) or None


def status(connection: Connection) -> Status:
    return Status(current(connection), HEAD)
