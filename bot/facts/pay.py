"""Published facts looked up by SOC code: pay and employment from the compiled BLS OEWS table."""

from __future__ import annotations

from bot.sources.models import Projection, ProjectionTable, Wage, WageTable

Pay = Wage  # one OEWS national row; a figure BLS does not publish stays None


class Facts:
    """The look-ups answers make by SOC; outlook and local pay are meant to join `pay` here."""

    def __init__(self, wages: WageTable, projections: ProjectionTable) -> None:
        self._wages = wages
        self._projections = projections

    @property
    def pay_release(self) -> str:
        """Which OEWS release the pay figures come from, as replies cite it."""
        return self._wages.release

    def pay(self, soc: str) -> Pay | None:
        return self._wages.occupations.get(soc)

    def occupation_title(self, soc: str) -> str | None:
        """BLS's title for the occupation, as a role's reply names its stand-in."""
        row = self._wages.occupations.get(soc)
        return row.title if row else None

    def projection(self, soc: str) -> Projection | None:
        """The ten-year projection; None where the release projects no such code (the table lists those)."""
        return self._projections.occupations.get(soc)

    @property
    def projections(self) -> ProjectionTable:
        """The release, its years and its all-occupation average, which growth descriptors are relative to."""
        return self._projections

    def family_name(self, soc: str) -> str | None:
        """The name of the SOC major group ("Healthcare Practitioners ...") an occupation belongs to."""
        return self._wages.major_groups.get(f"{soc[:2]}-0000")
