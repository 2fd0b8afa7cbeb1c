"""Compiles the parts of O*NET 29.3 jobbot checks its profiles against, keyed by the OEWS SOC code.

Run `jobbot build-onet` with the O*NET extracts beside the repository (`../shared/data/onet-29.3`
or `--source DIR`). The output is committed: the bot never reads O*NET at run time, and rerunning
the command reproduces the file byte for byte. Task statements are kept only as short fingerprints,
enough for a test to prove no profile copies one, so the knowledge ships none of O*NET's wording.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

from bot.sources.load import WAGES_FILE

ONET_FILE = "onet_tasks.json"
TITLES_FILE = "onet_titles.json"
RELEASE = "O*NET 29.3"
ATTRIBUTION = (
    "This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. jobbot selected task identifiers and related occupations, "
    "recoded them to the SOC 2018 codes OEWS publishes, and keeps statements only as fingerprints."
)
TITLES_ATTRIBUTION = (
    "This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. jobbot selected the occupation, alternate, short and reported "
    "job titles, recoded them to the SOC 2018 codes OEWS publishes, and removed duplicates."
)
# OEWS publishes these detailed codes where O*NET keeps the finer SOC 2018 occupations.
MERGED_CODES: dict[str, tuple[str, ...]] = {
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043"),
    "51-2028": ("51-2022", "51-2023"),
    "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049"),
}


def fingerprint(statement: str) -> str:
    """Case, spacing and punctuation do not make a statement one's own, so they are ignored."""
    canonical = re.sub(r"[^a-z0-9]+", " ", statement.casefold()).strip()
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:12]


def oews_code(onet_code: str, oews: set[str]) -> str | None:
    """The OEWS code an O*NET-SOC code is published under: itself, a merged code, or its broad group."""
    soc = onet_code[:7]
    if soc in oews:
        return soc
    for merged, parts in MERGED_CODES.items():
        if soc in parts:
            return merged
    broad = soc[:6] + "0"
    return broad if broad in oews else None


def _rows(source: Path, name: str) -> list[dict[str, str]]:
    with (source / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def compile_onet(source: Path, oews: set[str]) -> dict[str, object]:
    tasks: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for row in _rows(source, "task_statements.tsv"):
        soc = oews_code(row["O*NET-SOC Code"], oews)
        if soc:
            kind = "core" if row["Task Type"] == "Core" else "supplemental"
            tasks[soc].append((int(row["Task ID"]), kind, fingerprint(row["Task"])))
    emerging = sorted({fingerprint(row["Task"]) for row in _rows(source, "emerging_tasks.tsv")})
    related: dict[str, list[str]] = defaultdict(list)
    ordered = sorted(
        _rows(source, "related_occupations.tsv"),
        key=lambda r: (r["O*NET-SOC Code"], r["Relatedness Tier"] != "Primary-Short", int(r["Index"])),
    )
    for row in ordered:
        soc = oews_code(row["O*NET-SOC Code"], oews)
        other = oews_code(row["Related O*NET-SOC Code"], oews)
        if soc and other and other != soc and other not in related[soc]:
            related[soc].append(other)
    return {
        "release": RELEASE,
        "attribution": ATTRIBUTION,
        "merged_codes": {code: list(parts) for code, parts in sorted(MERGED_CODES.items())},
        "tasks": {soc: [list(t) for t in sorted(rows)] for soc, rows in sorted(tasks.items())},
        "emerging_fingerprints": emerging,
        "related": {soc: others for soc, others in sorted(related.items())},
    }


def _add_title(found: dict[str, dict[str, str]], soc: str | None, title: str) -> None:
    """One spelling per title and occupation, whatever its case or spacing; the first spelling seen is kept."""
    title = " ".join(title.split())
    if soc and len(title) >= 2:
        found[soc].setdefault(title.casefold(), title)


def compile_titles(source: Path, oews: set[str]) -> dict[str, object]:
    """Every title O*NET gives an occupation (its own, alternate, short and reported titles), by OEWS code."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(source, "occupation_data.tsv"):
        _add_title(found, oews_code(row["O*NET-SOC Code"], oews), row["Title"])
    for row in _rows(source, "alternate_titles.tsv"):
        soc = oews_code(row["O*NET-SOC Code"], oews)
        _add_title(found, soc, row["Alternate Title"])
        _add_title(found, soc, row["Short Title"])
    for row in _rows(source, "reported_titles.tsv"):
        _add_title(found, oews_code(row["O*NET-SOC Code"], oews), row["Reported Job Title"])
    return {
        "release": RELEASE,
        "attribution": TITLES_ATTRIBUTION,
        "titles": {
            soc: sorted(titles.values(), key=lambda t: (t.casefold(), t)) for soc, titles in sorted(found.items())
        },
    }


def _write(path: Path, data: dict[str, object]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def build(source: Path, knowledge: Path) -> Path:
    """The task index; `build_titles` writes the title vocabulary beside it."""
    oews = set(json.loads((knowledge / WAGES_FILE).read_text(encoding="utf-8"))["occupations"])
    return _write(knowledge / ONET_FILE, compile_onet(source, oews))


def build_titles(source: Path, knowledge: Path) -> Path:
    oews = set(json.loads((knowledge / WAGES_FILE).read_text(encoding="utf-8"))["occupations"])
    return _write(knowledge / TITLES_FILE, compile_titles(source, oews))
