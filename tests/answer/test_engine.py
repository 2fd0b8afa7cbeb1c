"""The engine stays a small composition root: a handful of public methods, no public attributes to reach into."""

from __future__ import annotations

import inspect

from bot.answer.engine import Engine

PUBLIC_MAX = 17  # "about 15": place autocomplete and `picture`, the share card of a reply, joined the original 15


def test_engine_is_small_and_opaque(engine: Engine) -> None:
    methods = [n for n, _ in inspect.getmembers(Engine, inspect.isfunction) if not n.startswith("_")]
    assert len(methods) <= PUBLIC_MAX, methods
    assert not [n for n in vars(engine) if not n.startswith("_")]
