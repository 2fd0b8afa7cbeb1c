"""The one place an occupation reference is written and read back.

A matcher target, a pick-menu value and a reply's candidate all name either a scored profile (by
its id) or an OEWS occupation that has no profile yet (by its SOC code, written "soc:NN-NNNN").
"""

from __future__ import annotations

from dataclasses import dataclass

SOC_PREFIX = "soc:"


@dataclass(frozen=True, slots=True)
class ProfileRef:
    """A scored occupation profile."""

    profile_id: str

    @property
    def key(self) -> str:
        return self.profile_id


@dataclass(frozen=True, slots=True)
class SocRef:
    """An OEWS occupation with BLS facts only."""

    soc: str

    @property
    def key(self) -> str:
        return SOC_PREFIX + self.soc

    @property
    def profile_id(self) -> None:
        return None


OccupationRef = ProfileRef | SocRef


def parse_ref(key: str) -> OccupationRef:
    """The inverse of `.key`: 'soc:NN-NNNN' is an occupation, anything else a profile id."""
    if key.startswith(SOC_PREFIX):
        return SocRef(key.removeprefix(SOC_PREFIX))
    return ProfileRef(key)
