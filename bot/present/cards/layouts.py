"""The three card layouts, 1200x630: a job, a job under the user's own time split, and two jobs side by side."""

from __future__ import annotations

from bot.present.cards import palette as c
from bot.present.cards.canvas import Box, Canvas, font
from bot.present.cards.figures import CompareFigures, Figures, JobFigures
from bot.present.cards.parts import (
    big_figure,
    heading,
    meter,
    num,
    pay_text,
    radar,
    rect,
    rule,
    split_bar,
    task_rows,
    trend,
)

M = 48  # outer margin
RIGHT = 1200 - M
TITLE_SIZES = (44, 38, 32, 28)


def _footer(canvas: Canvas, text: str) -> None:
    rule(canvas, 590)
    canvas.text(Box(M, 600, RIGHT - M, 20), text, 14, c.FAINT)


def job_card(job: JobFigures) -> Canvas:
    canvas = Canvas(c.BACKGROUND)
    band = c.band_color(job.band)
    canvas.draw(rect(Box(0, 0, 1200, 6), band))
    if job.personal:
        badge = "PERSONALISED · YOUR OWN TIME SPLIT"
        width = font(15, "bold").getlength(badge)
        canvas.draw(rect(Box(M - 10, 25, width + 20, 28), c.blend(c.BACKGROUND, c.ORANGE, 0.25), 6))
        canvas.text(Box(M, 29, width + 1, 22), badge, 15, c.ORANGE, weight="bold")
    else:
        canvas.text(Box(M, 29, 600, 22), "WILL AI REPLACE THIS JOB?", 15, c.MUTED, weight="bold")
    canvas.text(Box(RIGHT - 200, 29, 200, 22), "jobbot", 17, c.MUTED, weight="bold", align="right")
    title = f"Your {job.title}" if job.personal else job.title
    canvas.text(Box(M, 58, RIGHT - M, 54), title, TITLE_SIZES, c.TEXT, weight="bold")
    canvas.text(Box(M, 116, RIGHT - M, 24), job.subtitle, 18, c.MUTED)
    rule(canvas, 152)

    # left: the three numbers and pay
    lw = 300
    heading(canvas, M, 170, lw, "AI exposure score")
    big_figure(canvas, M - 4, 190, job.exposure, 92, band)
    canvas.text(Box(M, 306, lw, 28), f"{job.band} exposure", 22, band, weight="bold")
    if job.typical_exposure is not None:
        canvas.text(Box(M, 338, lw, 22), f"typical {job.title}: {num(job.typical_exposure)}", 16, c.MUTED)
    meter(canvas, Box(M, 372, lw, 40), "Automation risk", job.risk, job.risk_band, c.RISK_COLOR)
    meter(canvas, Box(M, 428, lw, 40), "Resilience", job.resilience, job.resilience_band, c.RESILIENCE_COLOR)
    heading(canvas, M, 490, lw, "Median pay (BLS)")
    canvas.text(Box(M, 512, lw, 40), pay_text(job), (30, 26, 22), c.TEXT, weight="bold")

    # middle: the class split and the tasks at both ends
    mx, mw = 380, 424
    heading(canvas, mx, 170, mw, "Your time splits" if job.personal else "How the time splits")
    split_bar(canvas, Box(mx, 196, mw, 22), job.split)
    heading(canvas, mx, 290, mw, "Most exposed tasks")
    task_rows(canvas, mx, 316, mw, job.most_exposed[:3], 42)
    heading(canvas, mx, 448, mw, "Most resilient tasks")
    task_rows(canvas, mx, 474, mw, job.resilient[:3], 38 if len(job.resilient) > 2 else 42)

    # right: the six axes and the trend
    rx = 836
    heading(canvas, rx, 170, RIGHT - rx, "Six kinds of work")
    radar(canvas, Box(rx, 194, RIGHT - rx, 200), job.radar)
    heading(canvas, rx, 408, RIGHT - rx, "Exposure 2018–2028")
    trend(canvas, Box(rx, 432, RIGHT - rx, 146), [job.trend])

    _footer(canvas, job.footer)
    return canvas


def _side(canvas: Canvas, job: JobFigures, x: float, w: float, accent: c.Color) -> None:
    band = c.band_color(job.band)
    canvas.draw(rect(Box(x, 134, w, 440), c.PANEL, 14))
    canvas.draw(rect(Box(x, 134, 8, 440), accent, 4))
    pad = x + 28
    inner = w - 52
    canvas.text(Box(pad, 150, inner, 76), job.title, (32, 28, 24), c.TEXT, weight="bold", max_lines=2)
    canvas.text(Box(pad, 226, inner, 22), job.subtitle, 15, c.MUTED)
    heading(canvas, pad, 262, 240, "AI exposure score")
    big_figure(canvas, pad - 3, 282, job.exposure, 72, band)
    canvas.text(Box(pad, 374, 240, 26), f"{job.band} exposure", 20, band, weight="bold")
    mx = pad + 262
    meter(canvas, Box(mx, 272, inner - 262, 40), "Risk", job.risk, job.risk_band, c.RISK_COLOR, size=15)
    meter(
        canvas,
        Box(mx, 322, inner - 262, 40),
        "Resilience",
        job.resilience,
        job.resilience_band,
        c.RESILIENCE_COLOR,
        size=15,
    )
    canvas.text(Box(mx, 374, inner - 262, 26), pay_text(job), 18, c.TEXT, weight="bold", align="right")
    split_bar(canvas, Box(pad, 416, inner, 18), job.split)
    if job.most_exposed:
        heading(canvas, pad, 498, inner, "Most exposed task")
        task_rows(canvas, pad, 520, inner, job.most_exposed[:1], 44)


def compare_card(figures: CompareFigures) -> Canvas:
    canvas = Canvas(c.BACKGROUND)
    canvas.draw(rect(Box(0, 0, 600, 6), c.SKY_BLUE))
    canvas.draw(rect(Box(600, 0, 600, 6), c.SECOND_COLOR))
    canvas.text(Box(M, 29, 700, 22), "WHICH JOB IS MORE EXPOSED TO AI?", 15, c.MUTED, weight="bold")
    canvas.text(Box(RIGHT - 200, 29, 200, 22), "jobbot", 17, c.MUTED, weight="bold", align="right")
    canvas.text(Box(M, 62, RIGHT - M, 48), figures.verdict, (32, 28, 24, 20), c.TEXT, weight="bold")
    _side(canvas, figures.first, M, 540, c.SKY_BLUE)
    _side(canvas, figures.second, RIGHT - 540, 540, c.SECOND_COLOR)
    _footer(canvas, figures.footer)
    return canvas


def layout(figures: Figures) -> Canvas:
    """The card's drawing steps, with every text already fitted to its box."""
    if isinstance(figures, CompareFigures):
        return compare_card(figures)
    return job_card(figures)
