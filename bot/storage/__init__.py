"""Storage for the front ends: community pulse votes, saved jobs, feedback and comparison threads.

SQLAlchemy 2 (async) over SQLite (aiosqlite, the default) or PostgreSQL (asyncpg), migrated by
the Alembic scripts shipped in `migrations/`. The core never imports this package.
"""
