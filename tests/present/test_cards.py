"""Share cards: every profile's text fits its boxes, the PNG decodes with the right size and colours,
and three cards drawn from fixed figures match their golden pictures within a tolerance."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from bot.answer.cards import job_figures, verdict
from bot.answer.parts import Parts
from bot.present import cards
from bot.present.cards import palette
from bot.present.cards.canvas import ELLIPSIS, Canvas, fits, wrap
from bot.sources.load import Knowledge

GOLDEN = Path(__file__).parent / "golden"
REGOLD = os.environ.get("JOBBOT_REGOLD") == "1"  # JOBBOT_REGOLD=1 pytest tests/present/test_cards.py rewrites them


@pytest.fixture(scope="module")
def parts(knowledge: Knowledge) -> Parts:
    return Parts(knowledge)


def text_problems(canvas: Canvas) -> list[str]:
    problems = []
    for step in canvas.texts:
        box = step.box
        if box.x < 0 or box.y < 0 or box.x + box.w > cards.WIDTH or box.y + box.h > cards.HEIGHT:
            problems.append(f"box {box} leaves the card")
        if len(step.lines) * step.line_height > box.h + 1:
            problems.append(f"{len(step.lines)} lines of {step.line_height}px overflow {box.h}px: {step.lines}")
        for line in step.lines:
            if not fits(line, step.font, box.w + 0.5):
                problems.append(f"{line!r} is {step.font.getlength(line):.0f}px wide in a {box.w:.0f}px box")
        if not step.lines:
            problems.append(f"empty text in {box}")
    return problems


def test_every_profile_card_keeps_its_text_inside_its_boxes(parts: Parts) -> None:
    """Laid out, not drawn: ~1 ms a card, so every profile's job, personal and comparison card is checked."""
    ids = sorted(parts.knowledge.profiles)
    problems = {}
    for n, pid in enumerate(ids):
        s = parts.summaries.get(pid)
        job = job_figures(parts, s)
        other = parts.summaries.get(ids[(n + 1) % len(ids)])
        canvases = {
            "job": cards.layout(job),
            "personal": cards.layout(replace(job, typical_exposure=s.exposure)),
            "compare": cards.layout(
                cards.CompareFigures(job, job_figures(parts, other), verdict(s, other), job.footer)
            ),
        }
        for kind, canvas in canvases.items():
            if found := text_problems(canvas):
                problems[f"{pid} {kind}"] = found
    assert not problems


def test_wrap_shortens_with_an_ellipsis_and_never_overflows() -> None:
    f = cards.canvas.font(15)
    text = "Summarise depositions, medical records and transcripts for the attorneys of the firm " * 3
    lines = wrap(text, f, 200, 2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert all(f.getlength(line) <= 200 for line in lines)
    assert wrap("Pneumonoultramicroscopicsilicovolcanoconiosis", f, 80, 1)[0].endswith(ELLIPSIS)
    assert wrap("short", f, 200, 2) == ["short"]


# ---- fixed figures for the pictures: independent of the knowledge files, so authoring never moves them
TASKS = (
    cards.TaskLine("Summarise depositions, medical records and transcripts", 76, 10, "substitutable"),
    cards.TaskLine(
        "Draft routine pleadings, discovery requests, contracts and letters from templates", 72, 20, "assisted"
    ),
    cards.TaskLine("Research case law, statutes and records and summarise findings for attorneys", 72, 15, "assisted"),
)
RESILIENT = (
    cards.TaskLine("Prepare exhibits and trial binders and support attorneys at hearings and trials", 30, 7, "human"),
    cards.TaskLine("Communicate with clients, witnesses and court staff to gather information", 40, 10, "assisted"),
)
AXES = ("cognitive", "creative", "manual", "social", "procedural", "judgement")
JOB = cards.JobFigures(
    title="Paralegal",
    subtitle="SOC 23-2011 · Legal Occupations",
    exposure=62.9,
    band="high",
    risk=22.7,
    risk_band="moderate",
    resilience=22.1,
    resilience_band="low",
    split=(10.0, 83.0, 7.0),
    most_exposed=TASKS,
    resilient=RESILIENT,
    radar=tuple(cards.AxisPoint(a, v) for a, v in zip(AXES, (70.2, None, 30.0, 40.0, 66.0, 48.0), strict=True)),
    trend=tuple(cards.YearPoint(y, v, y >= 2027) for y, v in zip(range(2018, 2029), range(8, 74, 6), strict=True)),
    median_annual=62890,
    median_hourly=None,
    footer="jobbot · methodology v1.0 · task scores per METHODOLOGY.md · pay: BLS OEWS May 2025",
)
NURSE = replace(
    JOB,
    title="Registered Nurse in a Very Long Specialised Intensive Care Unit Title That Must Be Shortened",
    subtitle="SOC 29-1141 · Healthcare Practitioners and Technical Occupations",
    exposure=27.3,
    band="low",
    risk=2.3,
    risk_band="low",
    resilience=72.4,
    resilience_band="very high",
    split=(0.0, 28.0, 72.0),
    median_annual=None,
    median_hourly=46.9,
)
FIGURES = {
    "job": JOB,
    "personal": replace(JOB, exposure=73.5, band="very high", split=(37.5, 62.5, 0.0), typical_exposure=62.9),
    "compare": cards.CompareFigures(
        JOB, NURSE, "Paralegal is more exposed than Registered Nurse: 62.9 vs 27.3", JOB.footer
    ),
}


def decoded(figures: cards.Figures) -> Image.Image:
    return Image.open(io.BytesIO(cards.render(figures))).convert("RGB")


def near(pixel: tuple[int, ...], color: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, color, strict=False))


def test_card_is_a_small_png_of_the_right_size() -> None:
    data = cards.render(JOB)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) <= 150 * 1024
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_card_regions_have_the_palette_colours() -> None:
    image = decoded(JOB)
    assert near(image.getpixel((10, 620)), palette.BACKGROUND)
    assert near(image.getpixel((600, 2)), palette.band_color("high"))  # the band stripe along the top
    bar_y = 206  # the class split bar: 10% substitutable, 83% assisted, 7% human over 424 px from x=380
    assert near(image.getpixel((380 + 20, bar_y)), palette.CLASS_COLORS["substitutable"])
    assert near(image.getpixel((380 + 200, bar_y)), palette.CLASS_COLORS["assisted"])
    assert near(image.getpixel((380 + 415, bar_y)), palette.CLASS_COLORS["human"])
    personal = decoded(FIGURES["personal"])
    assert near(personal.getpixel((600, 2)), palette.band_color("very high"))
    assert near(personal.getpixel((44, 40)), palette.blend(palette.BACKGROUND, palette.ORANGE, 0.25))  # the badge
    compare = decoded(FIGURES["compare"])
    assert near(compare.getpixel((300, 2)), palette.SKY_BLUE) and near(compare.getpixel((900, 2)), palette.SECOND_COLOR)


def test_the_long_title_is_shortened_on_the_comparison_card() -> None:
    steps = [s for s in cards.layout(FIGURES["compare"]).texts if s.lines and s.lines[0].startswith("Registered")]
    assert steps and steps[0].lines[-1].endswith(ELLIPSIS)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_card_matches_its_golden_picture(name: str) -> None:
    path = GOLDEN / f"{name}.png"
    data = cards.render(FIGURES[name])
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if REGOLD or not path.exists():
        path.write_bytes(data)
        if not REGOLD:
            pytest.fail(f"wrote a missing golden picture {path.name}; check it and commit it")
    golden = Image.open(path).convert("RGB")
    diff = ImageChops.difference(image, golden).convert("L")
    mean = ImageStat.Stat(diff).mean[0]
    far = sum(diff.point(lambda v: 255 if v > 48 else 0).histogram()[255:]) / (1200 * 630)
    assert mean < 2.0 and far < 0.01, f"{name}: mean difference {mean:.2f}, {far:.2%} of pixels far off"
