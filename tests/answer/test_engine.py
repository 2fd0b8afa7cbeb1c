"""The engine stays a small composition root: a handful of public methods, no public attributes to reach into."""

from __future__ import annotations

import inspect

from bot.answer.engine import Engine

PUBLIC_MAX = 19  # "about 15": place autocomplete, `card` (the share card of a reply), `cache_sizes` (for the
# metrics) and `precompile` (what an image builds in advance) joined the original 15


def test_engine_is_small_and_opaque(engine: Engine) -> None:
    methods = [n for n, _ in inspect.getmembers(Engine, inspect.isfunction) if not n.startswith("_")]
    assert len(methods) <= PUBLIC_MAX, methods
    assert not [n for n in vars(engine) if not n.startswith("_")]


def test_long_text_is_cut_before_parsing_with_a_note(engine: Engine) -> None:
    from bot.answer.engine import INPUT_MAX

    reply = engine.answer("paralegal" + " " * 1500 + "and then a very long story about something else")
    assert reply.content.startswith(f"Your message was long, so I read only its first {INPUT_MAX:,} characters.")
    assert reply.meta.profile_ids == ("paralegal",)
    assert "read only" not in engine.answer("will AI replace paralegals?").content


def test_match_cache_keys_are_normalised_and_bounded(engine: Engine) -> None:
    from bot.understand.matcher import MATCH_KEY_MAX, match_key

    assert match_key("  Registered   NURSE ") == "registered nurse"
    assert len(match_key("x" * 100_000)) == MATCH_KEY_MAX
    assert engine.match("RN  ") is engine.match("rn")


def test_the_card_cache_keeps_within_its_byte_budget() -> None:
    from bot.answer.cards import CardKind, Picture, PngCache

    cache = PngCache(budget=1000)
    drawn: list[str] = []

    def draw(name: str) -> Picture:
        drawn.append(name)
        return Picture(f"{name}.png", b"x" * 300)

    for name in ["a", "b", "c", "a", "d", "e"]:
        cache.get((CardKind.JOB, (name,), "1"), lambda n=name: draw(n))
    assert cache.bytes <= 1000 and len(cache) == 3
    assert drawn == ["a", "b", "c", "d", "e"]  # the second "a" came from the cache; "b" and "c" were dropped
    cache.get((CardKind.JOB, ("e",), "1"), lambda: draw("again"))
    assert drawn[-1] == "e"
