"""Echoed user text is inert: no markdown, no mentions, no marker lines, bounded."""

from __future__ import annotations

from bot.present.filters import esc


def test_esc_neutralises_markdown_and_mentions() -> None:
    assert esc("@everyone") == "@\u200beveryone"
    assert esc("<@123>") == "<\u200b@\u200b123\\>"
    assert esc("**x**") == "\\*\\*x\\*\\*"
    assert len(esc("a" * 500)) == 80


def test_esc_neutralises_links_and_invites() -> None:
    echoed = esc("join https://discord.gg/abc or discord.gg/xyz, see www.evil.com/x")
    for raw in ("https://", "discord.gg", "www.evil.com", "://"):
        assert raw not in echoed
    assert "discord\\[.\\]gg/xyz" in echoed


def test_esc_drops_bidi_overrides_controls_and_invisible_marks() -> None:
    hidden = "\u202e\u202a\u2066\u2069\u200b\u200d\u0007\x1b[31m\ufeff"
    echoed = esc(f"nurse{hidden}evil")
    assert echoed == "nurse\\[31mevil"
    assert not any(ch in echoed for ch in "\u202e\u202a\u2066\u2069\u200b\u200d\u0007\x1b\ufeff")
