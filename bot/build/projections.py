"""Compiles BLS Employment Projections 2024-34 (National Employment Matrix table 1.2) for every OEWS code.

Run `jobbot build-outlook` with the extract beside the repository
(`../shared/data/bls-projections-2024-34/occupation_projections.json` or `--source FILE`). The
output is committed; rerunning the command reproduces it byte for byte. Employment and openings
are published in thousands and stored here as people, the unit replies show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.sources.load import OUTLOOK_FILE, WAGES_FILE

RELEASE = "Employment Projections 2024-2034"
NOTICE = "Source: U.S. Bureau of Labor Statistics, Employment Projections 2024-2034 (National Employment Matrix)."
# Projection codes that differ from the OEWS code they stand for. The 2024-34 matrix uses the
# OEWS codes throughout (broad codes included), so the map is empty; a new release that splits
# or merges codes adds its pairs here rather than being matched by guesswork.
CODE_MAP: dict[str, str] = {}


def _people(thousands: float | None) -> int | None:
    return None if thousands is None else round(thousands * 1000)


def compile_projections(raw: dict[str, Any], oews: set[str]) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = raw["projections"]
    total_2024 = sum(r["employment_2024"] for r in rows.values())
    total_2034 = sum(r["employment_2034"] for r in rows.values())
    occupations: dict[str, dict[str, Any]] = {}
    unmatched: list[str] = []
    for code, row in sorted(rows.items()):
        soc = CODE_MAP.get(code, code)
        if soc not in oews:
            unmatched.append(f"{code} {row['title']}")
            continue
        occupations[soc] = {
            "title": row["title"],
            "employment_2024": _people(row["employment_2024"]),
            "employment_2034": _people(row["employment_2034"]),
            "change_pct": row["employment_change_pct"],
            "annual_openings": _people(row["annual_openings"]),
            "typical_education": row["typical_education"],
            "work_experience": row["work_experience"],
            "typical_training": row["typical_training"],
        }
    return {
        "release": RELEASE,
        "base_year": raw["metadata"]["base_year"],
        "projection_year": raw["metadata"]["projection_year"],
        "source": raw["metadata"]["source_table"],
        "notice": NOTICE,
        "all_occupations_change_pct": round((total_2034 / total_2024 - 1) * 100, 1),
        "code_map": CODE_MAP,
        "not_in_oews": unmatched,
        "missing": sorted(oews - set(occupations)),
        "occupations": occupations,
    }


def build(source: Path, knowledge: Path) -> Path:
    oews = set(json.loads((knowledge / WAGES_FILE).read_text(encoding="utf-8"))["occupations"])
    data = compile_projections(json.loads(source.read_text(encoding="utf-8")), oews)
    out = knowledge / OUTLOOK_FILE
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return out
