"""Component ids stay within Discord's 100-character limit and still say what to show."""

from __future__ import annotations

import json

from bot.frontends.discord.views import BUTTON_ID, custom_id


def test_custom_ids_are_cut_to_discords_limit_in_the_free_text() -> None:
    long = custom_id("jb", "notmine", "registered-nurse", "nurse " * 40)
    assert len(long) == 100
    assert long.startswith("jb:notmine:registered-nurse:nurse")
    assert BUTTON_ID.match(long)
    assert custom_id("jb", "tasks", "registered-nurse") == "jb:tasks:registered-nurse"


def test_user_text_in_a_custom_id_is_one_clean_line_that_fits_the_templates() -> None:
    from bot.frontends.discord.views import SELECT_ID

    hostile = "```py\nx\n``` \x00 ml\u202e eng\r\n\t" + "\u200f" * 300
    made = custom_id("jbs", "pick", "", hostile)
    assert made == "jbs:pick::```py x ``` ml eng"
    assert SELECT_ID.fullmatch(made)
    assert BUTTON_ID.fullmatch(custom_id("jb", "notmine", "registered-nurse", hostile))


async def test_a_title_with_line_breaks_that_names_no_single_job_gets_its_menu(standin, bot) -> None:  # type: ignore[no-untyped-def]
    from bot.frontends.discord.views import SELECT_ID
    from tests.discord.test_bot import body, callback

    reply = await callback(standin, await standin.slash_command("job", {"title": "```py\nx\n``` !!! ml eng"}))
    assert "something went wrong" not in json.dumps(body(reply))
    ids = [c["custom_id"] for row in body(reply).get("components", []) for c in row["components"]]
    assert [i for i in ids if i.startswith("jbs:pick:")] == ["jbs:pick::```py x ``` !!! ml eng"]
    assert all(SELECT_ID.fullmatch(i) or BUTTON_ID.fullmatch(i) for i in ids)
