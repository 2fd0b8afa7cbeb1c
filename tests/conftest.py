"""Shared fixtures: the real knowledge, loaded once per test session."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from bot.sources.load import Knowledge, load_knowledge

pytest_plugins = ["tests.databases"]


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(knowledge: Knowledge) -> Engine:
    return Engine(knowledge)
