"""The profile set in figures: `python -m bench.knowledge`. Prints exposure and risk by SOC major group,
the most and least exposed occupations, and the role profiles beside their stand-in occupations.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from bot.answer.engine import Engine
from bot.answer.summary import ExposureSummary
from bot.sources.models import ProfileKind

TOP = 10


def _row(label: str, group: list[ExposureSummary]) -> str:
    exposure = [s.exposure for s in group]
    risk = [s.risk for s in group]
    return (
        f"{label:<52} {len(group):>4} {statistics.mean(exposure):6.1f} {statistics.median(exposure):6.1f} "
        f"{min(exposure):6.1f} {max(exposure):6.1f} {statistics.mean(risk):6.1f} {max(risk):6.1f}"
    )


def main() -> None:
    summaries = Engine().summaries()
    occupations = [s for s in summaries if s.kind is ProfileKind.OCCUPATION]
    roles = [s for s in summaries if s.kind is ProfileKind.ROLE]
    groups: dict[str, list[ExposureSummary]] = defaultdict(list)
    for s in occupations:
        groups[f"{s.family} {s.family_name}"].append(s)
    print(f"== {len(occupations)} occupation profiles by SOC major group")
    print(f"{'group':<52} {'n':>4} {'E mean':>6} {'E med':>6} {'E min':>6} {'E max':>6} {'R mean':>6} {'R max':>6}")
    for label in sorted(groups):
        print(_row(label[:52], groups[label]))
    print(_row("all occupations", occupations))
    print(_row("all roles", roles))
    ranked = sorted(occupations, key=lambda s: (s.exposure, s.title))
    print(f"\n== {TOP} most exposed occupations (exposure, risk)")
    for s in reversed(ranked[-TOP:]):
        print(f"{s.exposure:5.1f} {s.risk:5.1f}  {s.title} ({s.soc})")
    print(f"\n== {TOP} least exposed occupations")
    for s in ranked[:TOP]:
        print(f"{s.exposure:5.1f} {s.risk:5.1f}  {s.title} ({s.soc})")
    bands: dict[str, int] = defaultdict(int)
    for s in occupations:
        bands[s.band] += 1
    print("\n== exposure bands (occupations): " + ", ".join(f"{b} {n}" for b, n in sorted(bands.items())))
    by_id = {s.soc: s for s in occupations}
    print(f"\n== {len(roles)} role profiles against their stand-in occupation (role exposure, stand-in exposure)")
    for s in sorted(roles, key=lambda r: -r.exposure):
        base = by_id.get(s.soc)
        print(f"{s.exposure:5.1f} {base.exposure if base else float('nan'):5.1f}  {s.title} -> {s.occupation}")


if __name__ == "__main__":
    main()
