"""Which OEWS area a person means by a place name: a state, its abbreviation, a metro area or a city in one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.sources.local import Area

# USPS abbreviation -> FIPS state code, for the 54 states and territories OEWS publishes.
STATES = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08", "CT": "09", "DE": "10", "DC": "11",
    "FL": "12", "GA": "13", "HI": "15", "ID": "16", "IL": "17", "IN": "18", "IA": "19", "KS": "20", "KY": "21",
    "LA": "22", "ME": "23", "MD": "24", "MA": "25", "MI": "26", "MN": "27", "MS": "28", "MO": "29", "MT": "30",
    "NE": "31", "NV": "32", "NH": "33", "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38", "OH": "39",
    "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46", "TN": "47", "TX": "48", "UT": "49",
    "VT": "50", "VA": "51", "WA": "53", "WV": "54", "WI": "55", "WY": "56", "GU": "66", "PR": "72", "VI": "78",
}  # fmt: skip
NICKNAMES = {
    "nyc": "new york newark jersey city ny nj",
    "la": "los angeles",
    "sf": "san francisco",
    "dc": "district of columbia",
    "philly": "philadelphia",
}
FUZZY_MIN = 88.0
PLACE_MAX = 60  # characters of a place name worth reading
# "... in Austin", "... in austin, tx?", "... near San Jose" at the end of a question
TRAILING_PLACE = re.compile(r"\s+(?:in|near|around|for)\s+([a-z][a-z .,'-]{1,60}?)\s*[?!.]*\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())


class PlaceFinder:
    """Built on first use from the area index: names, principal cities and abbreviations as keys."""

    def __init__(self, areas: Mapping[str, Area]) -> None:
        self._areas = areas
        self._by_state = {a.state: code for code, a in areas.items() if a.kind == "state"}
        keys: dict[str, list[str]] = {}
        for code, area in areas.items():
            names = [area.name]
            if area.kind == "metro" and "," in area.name:
                cities, _, states = area.name.rpartition(",")
                names += [f"{city} {states}" for city in cities.split("-")] + cities.split("-")
            for name in filter(None, map(_key, names)):
                keys.setdefault(name, []).append(code)
        for abbr, fips in STATES.items():
            if fips in self._by_state:
                keys.setdefault(abbr.casefold(), []).append(self._by_state[fips])
        self._keys = {k: sorted(v, key=self._size, reverse=True) for k, v in keys.items()}
        self._choices = list(self._keys)

    def _size(self, code: str) -> int:
        return self._areas[code].employment or 0

    def find(self, text: str) -> Place | None:
        """The best area for a place name; a city name in several states prefers the largest area."""
        key = _key(text[:PLACE_MAX])
        key = NICKNAMES.get(key, key)
        if not key:
            return None
        codes = self._keys.get(key)
        if codes is None:
            hit = process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            codes = self._keys[hit[0]] if hit else None
        if not codes:
            return None
        return Place(codes[0], self._areas[codes[0]].name)

    def suggest(self, prefix: str, limit: int = 25) -> list[Place]:
        """Autocomplete: states first, then metro areas, each by size."""
        key = _key(prefix[:PLACE_MAX])
        hits = {code for k, codes in self._keys.items() if k.startswith(key) for code in codes} if key else set()
        if not key:
            hits = set(self._by_state.values())
        ranked = sorted(hits, key=lambda c: (self._areas[c].kind != "state", -self._size(c), self._areas[c].name))
        return [Place(c, self._areas[c].name) for c in ranked[:limit]]


def split_place(question: str) -> tuple[str, str | None]:
    """'will AI replace nurses in Texas?' -> ('will AI replace nurses?', 'Texas'); the place is not checked here."""
    found = TRAILING_PLACE.search(question[:4000])
    if not found:
        return question, None
    return question[: found.start()].rstrip() + "?" * question.rstrip().endswith("?"), found.group(1).strip(" ,.")
