"""Echoed user text is inert: no markdown, no mentions, no marker lines, bounded."""

from __future__ import annotations

from bot.present.filters import esc


def test_esc_neutralises_markdown_and_mentions() -> None:
    assert esc("@everyone") == "@\u200beveryone"
    assert esc("<@123>") == "<\u200b@\u200b123\\>"
    assert esc("**x**") == "\\*\\*x\\*\\*"
    assert len(esc("a" * 500)) == 80
