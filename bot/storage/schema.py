"""The tables. Changing them needs a new migration in `migrations/versions/` (a test compares the two)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, SmallInteger, String, Table

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

PROFILE_ID = 80
QUERY = 200
REASON = 500

# One row per user and job: the latest answer to "Has AI already changed your work?" and the server it came from.
pulse_votes = Table(
    "pulse_votes",
    metadata,
    Column("profile_id", String(PROFILE_ID), primary_key=True),
    Column("user_id", BigInteger, primary_key=True),
    Column("guild_id", BigInteger, nullable=True),
    Column("answer", SmallInteger, nullable=False),
    Column("voted_at", DateTime(timezone=True), nullable=False),
    Index(None, "profile_id", "answer"),
    Index(None, "profile_id", "guild_id", "answer"),
    Index(None, "user_id"),
)

# One row per user: the job they saved and, if they personalised it, the tasks that take most of their time.
saved_jobs = Table(
    "saved_jobs",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("profile_id", String(PROFILE_ID), nullable=False),
    Column("query", String(QUERY), nullable=False),
    Column("tasks", String(QUERY), nullable=True),  # task indices, comma separated; NULL when not personalised
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

# What users told the maintainers: a wrong match or a score they disagree with.
feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", BigInteger, nullable=False),
    Column("guild_id", BigInteger, nullable=True),
    Column("kind", String(20), nullable=False),
    Column("query", String(QUERY), nullable=False),
    Column("profile_id", String(PROFILE_ID), nullable=False),
    Column("reason", String(REASON), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "user_id"),
)

# The jobs a comparison thread is about; no user is recorded.
comparison_threads = Table(
    "comparison_threads",
    metadata,
    Column("thread_id", BigInteger, primary_key=True),
    Column("profile_ids", String(PROFILE_ID * 5), nullable=False),  # comma separated, in order
    Column("created_at", DateTime(timezone=True), nullable=False),
)
