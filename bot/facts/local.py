"""Pay where the user lives: an area's OEWS figures for an occupation, falling back to its state."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.sources.local import Area, LocalFiles

STATE_SUFFIX = "00000"  # a state's area code is its FIPS code followed by this


class LocalPay(BaseModel):
    """One area's figures; `asked` names the area the user meant when these are its state's instead."""

    model_config = ConfigDict(frozen=True)

    area: str
    area_name: str
    area_kind: str
    asked: str | None
    employment: int | None
    median_annual: int | None
    p10_annual: int | None
    p90_annual: int | None
    median_hourly: float | None
    location_quotient: float | None
    median_top_coded: bool


class LocalFacts:
    def __init__(self, files: LocalFiles) -> None:
        self._files = files

    @property
    def release(self) -> str:
        return self._files.index.release

    def areas(self) -> dict[str, Area]:
        return self._files.index.areas

    def pay(self, soc: str, area_code: str) -> LocalPay | None:
        """The area's figures, else its state's when BLS publishes none for the area, else None."""
        area = self._files.index.areas.get(area_code)
        if area is None:
            return None
        found = self._lookup(soc, area_code, None)
        if found is None and area.kind == "metro":
            found = self._lookup(soc, area.state + STATE_SUFFIX, area.name)
        return found

    def _lookup(self, soc: str, code: str, asked: str | None) -> LocalPay | None:
        table = self._files.table(code)
        row = table.occupations.get(soc) if table else None
        if row is None or (row[1] is None and row[4] is None and not row[6]):
            return None
        area = self._files.index.areas[code]
        employment, median, p10, p90, hourly, lq, top = row
        return LocalPay(
            area=code,
            area_name=area.name,
            area_kind=area.kind,
            asked=asked,
            employment=None if employment is None else int(employment),
            median_annual=None if median is None else int(median),
            p10_annual=None if p10 is None else int(p10),
            p90_annual=None if p90 is None else int(p90),
            median_hourly=hourly,
            location_quotient=lq,
            median_top_coded=bool(top),
        )
