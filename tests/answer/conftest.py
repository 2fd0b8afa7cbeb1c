"""The answer builders' shared parts over the real knowledge, built once per session."""

from __future__ import annotations

import pytest

from bot.answer.parts import Parts
from bot.sources.load import Knowledge


@pytest.fixture(scope="session")
def parts(knowledge: Knowledge) -> Parts:
    return Parts(knowledge)
