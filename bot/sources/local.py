"""OEWS state and metro estimates, read one area at a time and only when someone names a place."""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from bot.sources.load import LOCAL_DIR, KnowledgeError
from bot.sources.models import Soc, Strict

AREA_CACHE = 32  # areas kept parsed; each is about 20 KB of JSON and well under 1 MB in memory
Cell = int | float | None


class Area(Strict):
    name: str = Field(description="BLS's name: a state, a metropolitan area or a nonmetropolitan area.")
    kind: Literal["state", "metro"]
    state: str = Field(pattern=r"^\d{2}$", description="FIPS code of the (first) state the area lies in.")
    employment: int | None = Field(description="All-occupation employment, used to prefer larger areas.")


class AreaIndex(Strict):
    release: str
    notice: str
    areas: dict[str, Area]


class AreaTable(Strict):
    area: str
    columns: list[str]
    occupations: dict[Soc, list[Cell]]


def _read(model: type[BaseModel], path: Path) -> BaseModel:
    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


class LocalFiles:
    """The per-area files under knowledge/oews_local; nothing is read until a place is asked about."""

    def __init__(self, root: Path) -> None:
        self._dir = root / LOCAL_DIR
        self.table = lru_cache(maxsize=AREA_CACHE)(self._table)

    @cached_property
    def index(self) -> AreaIndex:
        index = _read(AreaIndex, self._dir / "areas.json")
        assert isinstance(index, AreaIndex)
        return index

    def _table(self, code: str) -> AreaTable | None:
        if code not in self.index.areas:
            return None
        table = _read(AreaTable, self._dir / f"{code}.json")
        assert isinstance(table, AreaTable)
        return table
