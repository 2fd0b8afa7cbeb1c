"""Pulse votes, saved jobs, feedback and comparison threads.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pulse_votes",
        sa.Column("profile_id", sa.String(80), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("answer", sa.SmallInteger(), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("profile_id", "user_id", name="pk_pulse_votes"),
    )
    op.create_index("ix_pulse_votes_profile_id_answer", "pulse_votes", ["profile_id", "answer"])
    op.create_index("ix_pulse_votes_profile_id_guild_id_answer", "pulse_votes", ["profile_id", "guild_id", "answer"])
    op.create_index("ix_pulse_votes_user_id", "pulse_votes", ["user_id"])
    op.create_table(
        "saved_jobs",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("profile_id", sa.String(80), nullable=False),
        sa.Column("query", sa.String(200), nullable=False),
        sa.Column("tasks", sa.String(200), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_saved_jobs"),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("query", sa.String(200), nullable=False),
        sa.Column("profile_id", sa.String(80), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_user_id", "feedback", ["user_id"])
    op.create_table(
        "comparison_threads",
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("profile_ids", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("thread_id", name="pk_comparison_threads"),
    )


def downgrade() -> None:
    op.drop_table("comparison_threads")
    op.drop_index("ix_feedback_user_id", table_name="feedback")
    op.drop_table("feedback")
    op.drop_index("ix_pulse_votes_user_id", table_name="pulse_votes")
    op.drop_index("ix_pulse_votes_profile_id_guild_id_answer", table_name="pulse_votes")
    op.drop_index("ix_pulse_votes_profile_id_answer", table_name="pulse_votes")
    op.drop_table("pulse_votes")
