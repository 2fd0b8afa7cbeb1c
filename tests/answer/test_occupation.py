"""Occupations without a profile get BLS facts and the nearest scored profiles, never an empty guess."""

from __future__ import annotations

import pytest

from bot.answer.occupation import NEAREST_LIMIT, nearest_profiles
from bot.answer.parts import Parts


@pytest.mark.parametrize(
    ("soc", "title", "group"),
    [
        ("19-2011", "astronomer", "19-2"),  # profiles share the minor group
        ("45-4011", "forest and conservation worker", "45-"),  # two in the major group, then the closest title
    ],
)
def test_nearest_profiles_come_from_the_same_soc_group(parts: Parts, soc: str, title: str, group: str) -> None:
    near = nearest_profiles(parts, soc, title)
    assert len(near) == NEAREST_LIMIT
    assert near[0].soc.startswith(group)
    assert len({s.id for s in near}) == len(near)


def test_an_occupation_reply_lists_its_nearest_profiles(parts: Parts) -> None:
    from bot.answer.occupation import occupation

    reply = occupation(parts, "19-2011", "astronomer")
    near = next(f for f in reply.cards[0].fields if f.name.startswith("Closest profiles"))
    assert near.value.count("exposure") == NEAREST_LIMIT
    assert reply.meta.soc == "19-2011"


def test_an_unknown_title_suggests_near_titles(parts: Parts) -> None:
    from bot.answer.jobs import job

    reply = job(parts, "xyzzy nurse")  # no title fits, but autocomplete knows the words
    hints = [f for f in reply.cards[0].fields if f.name == "Did you mean"]
    assert reply.kind == "unknown" and hints and hints[0].value.count("•") >= 1
