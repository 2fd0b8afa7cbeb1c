"""Component ids stay within Discord's 100-character limit and still say what to show."""

from __future__ import annotations

from bot.frontends.discord.views import BUTTON_ID, custom_id


def test_custom_ids_are_cut_to_discords_limit_in_the_free_text() -> None:
    long = custom_id("jb", "notmine", "registered-nurse", "nurse " * 40)
    assert len(long) == 100
    assert long.startswith("jb:notmine:registered-nurse:nurse")
    assert BUTTON_ID.match(long)
    assert custom_id("jb", "tasks", "registered-nurse") == "jb:tasks:registered-nurse"
