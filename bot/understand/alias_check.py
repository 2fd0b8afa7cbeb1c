"""Hand-written aliases that O*NET files under another occupation: they can only mislead, so they are listed.

An exact official title wins over such an alias when matching ("court reporter" is the court
reporter, not the journalist whose alias it was), so the alias does no good and says something
false about the profile. `jobbot alias-conflicts` lists them and, with `--remove`, deletes them
from the profile files (bot/sources/edit.py); it exits 1 while any remain, so it works as a check.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.sources.load import Knowledge
from bot.sources.models import ProfileKind
from bot.understand.normalize import normalize

ACRONYM_MAX = 6


@dataclass(frozen=True, slots=True)
class AliasConflict:
    profile_id: str
    kind: str  # occupation or role
    soc: str
    alias: str
    onet_socs: tuple[str, ...]  # where O*NET files the title instead

    @property
    def acronym(self) -> bool:
        """'FSA', 'RA': an abbreviation means different jobs in different fields; left for a person to judge."""
        return self.alias.isupper() and len(self.alias) <= ACRONYM_MAX


def official_titles(knowledge: Knowledge) -> dict[str, set[str]]:
    """Normalised O*NET and BLS titles → the OEWS occupations that have them."""
    owners: dict[str, set[str]] = {}
    for soc, titles in knowledge.titles.items():
        for title in titles:
            owners.setdefault(normalize(title), set()).add(soc)
    for soc, wage in knowledge.wages.occupations.items():
        owners.setdefault(normalize(wage.title), set()).add(soc)
    return owners


def alias_conflicts(knowledge: Knowledge) -> list[AliasConflict]:
    """Occupation profiles only: a role is counted inside one BLS code but named by titles O*NET files
    under neighbouring ones ("back end engineer"), and those everyday names are how people reach it."""
    owners = official_titles(knowledge)
    found = []
    occupations = (p for p in knowledge.profiles.values() if p.kind is ProfileKind.OCCUPATION)
    for profile in sorted(occupations, key=lambda p: p.id):
        for alias in profile.aliases:
            socs = owners.get(normalize(alias))
            if socs and profile.soc not in socs:
                found.append(AliasConflict(profile.id, profile.kind.value, profile.soc, alias, tuple(sorted(socs))))
    return found
