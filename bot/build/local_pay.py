"""Compiles OEWS May 2025 state and metropolitan/nonmetropolitan estimates into one small file per area.

Run `jobbot build-local-pay` (needs the `data` extra). Each area's file holds, per occupation the
national table knows: employment, annual median, 10th and 90th percentile, hourly median and the
location quotient. One area is read only when someone asks about it, so start-up never pays for
the 582 areas; rerunning the command reproduces every file byte for byte.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import tempfile
from pathlib import Path

from bot.build.wages import _number, source_path
from bot.sources.load import LOCAL_DIR, WAGES_FILE, default_root

AREA_TYPES = {"S": "state", "M": "metro"}  # OEWS area types; "M" also covers nonmetropolitan areas
COLUMNS = ("employment", "median_annual", "p10_annual", "p90_annual", "median_hourly", "location_quotient")
CELLS = {"employment": "v01", "median_annual": "v13", "p10_annual": "v11", "p90_annual": "v15", "median_hourly": "v08"}
TOP_CODED = "5"  # BLS footnote: the wage is at or above the top of its survey range


def _row(cell: sqlite3.Row) -> list[float | int | None]:
    values: list[float | int | None] = [_number(cell[c], cents=field == "median_hourly") for field, c in CELLS.items()]
    lq = cell["v17"]
    values.append(_number(lq, cents=True) if lq else None)
    values.append(1 if cell["f13"] == TOP_CODED else 0)  # the median is above BLS's top code
    return values


def compile_local(db: Path, occupations: set[str]) -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        release = dict(con.execute("SELECT name, value FROM meta").fetchall())["release"]
        areas: dict[str, dict[str, object]] = {}
        tables: dict[str, dict[str, object]] = {}
        for area in con.execute("SELECT * FROM area WHERE areatype_code IN ('S', 'M') ORDER BY area_code"):
            code, kind = area["area_code"], AREA_TYPES[area["areatype_code"]]
            prefix = f"OEU{area['areatype_code']}{code}000000"
            rows: dict[str, object] = {}
            total = None
            for cell in con.execute(
                "SELECT * FROM cell WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "~")
            ):
                occ = cell["key"][len(prefix) :]
                soc = f"{occ[:2]}-{occ[2:]}"
                if occ == "000000":
                    total = _number(cell["v01"])
                elif soc in occupations:
                    rows[soc] = _row(cell)
            areas[code] = {"name": area["area_name"], "kind": kind, "state": area["state_code"], "employment": total}
            tables[code] = {"area": code, "columns": [*COLUMNS, "median_top_coded"], "occupations": rows}
    finally:
        con.close()
    index: dict[str, object] = {
        "release": f"OEWS {release} state and metropolitan area estimates",
        "notice": "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics.",
        "areas": areas,
    }
    return index, tables


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def build(knowledge: Path | None = None) -> Path:
    knowledge = knowledge or default_root()
    occupations = set(json.loads((knowledge / WAGES_FILE).read_text(encoding="utf-8"))["occupations"])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "oews.sqlite"
        with gzip.open(source_path(), "rb") as src:
            db.write_bytes(src.read())
        index, tables = compile_local(db, occupations)
    out = knowledge / LOCAL_DIR
    out.mkdir(exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    (out / "areas.json").write_text(_dump(index), encoding="utf-8")
    for code, table in tables.items():
        (out / f"{code}.json").write_text(_dump(table), encoding="utf-8")
    return out
