"""Aliases O*NET files under another occupation are listed, and can be removed without disturbing the file."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.sources.edit import remove_aliases
from bot.sources.load import Knowledge, default_root, load_knowledge
from bot.understand.alias_check import alias_conflicts


def test_conflicts_name_the_occupation_onet_files_the_title_under(knowledge: Knowledge) -> None:
    found = {(c.profile_id, c.alias.casefold()): c for c in alias_conflicts(knowledge)}
    for c in found.values():
        assert knowledge.profiles[c.profile_id].soc not in c.onet_socs
    assert all(c.alias in knowledge.profiles[c.profile_id].aliases for c in found.values())


def test_removing_them_keeps_the_profiles_loadable(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(default_root(), root)
    knowledge = load_knowledge(root)
    found = [c for c in alias_conflicts(knowledge) if not c.acronym]
    by_profile: dict[str, list[str]] = {}
    for c in found:
        by_profile.setdefault(c.profile_id, []).append(c.alias)
    for pid, aliases in by_profile.items():
        remove_aliases(root / "profiles" / f"{pid}.yaml", aliases)
    after = load_knowledge(root)
    left = [c for c in alias_conflicts(after) if not c.acronym]
    for c in left:  # kept only where removing them all would leave a profile under its five aliases
        kept = sum(x.profile_id == c.profile_id for x in left)
        assert len(after.profiles[c.profile_id].aliases) - kept < 5, c
    untouched = set(knowledge.profiles) - set(by_profile)
    for pid in untouched:
        assert (root / "profiles" / f"{pid}.yaml").read_text() == (
            default_root() / "profiles" / f"{pid}.yaml"
        ).read_text()
