"""Published facts looked up by SOC code: pay and employment from the compiled BLS OEWS table."""

from __future__ import annotations

from bot.sources.models import Wage, WageTable

Pay = Wage  # one OEWS national row; a figure BLS does not publish stays None


class Facts:
    """The look-ups answers make by SOC; outlook and local pay are meant to join `pay` here."""

    def __init__(self, wages: WageTable) -> None:
        self._wages = wages

    @property
    def pay_release(self) -> str:
        """Which OEWS release the pay figures come from, as replies cite it."""
        return self._wages.release

    def pay(self, soc: str) -> Pay | None:
        return self._wages.occupations.get(soc)

    def family_name(self, soc: str) -> str | None:
        """The name of the SOC major group ("Healthcare Practitioners ...") an occupation belongs to."""
        return self._wages.major_groups.get(f"{soc[:2]}-0000")
