"""Pieces every card draws: headings, figures, bars, the class split, task lists, the radar and the trend."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

from bot.present.cards import palette as c
from bot.present.cards.canvas import Align, Box, Canvas, font
from bot.present.cards.figures import AxisPoint, JobFigures, TaskLine, YearPoint

CLASSES = ("substitutable", "assisted", "human")
SCALE = 2  # charts are drawn at twice the size and reduced, for smooth lines


def num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def pay_text(job: JobFigures) -> str:
    if job.median_annual is not None:
        return f"${job.median_annual:,} a year"
    if job.median_hourly is not None:
        return f"${job.median_hourly:,.2f} an hour"
    return "not published"


def heading(canvas: Canvas, x: float, y: float, w: float, text: str) -> None:
    canvas.text(Box(x, y, w, 22), text.upper(), 15, c.MUTED, weight="bold")


def rect(box: Box, fill: c.Color, radius: float = 0) -> Callable[[Image.Image, ImageDraw.ImageDraw], None]:
    def paint(image: Image.Image, draw: ImageDraw.ImageDraw) -> None:
        shape = (box.x, box.y, box.x + box.w - 1, box.y + box.h - 1)
        if radius:
            draw.rounded_rectangle(shape, radius=radius, fill=fill)
        else:
            draw.rectangle(shape, fill=fill)

    return paint


def rule(canvas: Canvas, y: float, x0: float = 48, x1: float = 1152) -> None:
    canvas.draw(rect(Box(x0, y, x1 - x0, 1), c.RULE))


def big_figure(canvas: Canvas, x: float, y: float, value: float, size: int, color: c.Color) -> None:
    """The exposure score, with "/100" after it so nobody reads it as a share of time."""
    text = num(value)
    step = canvas.text(
        Box(x, y, font(size, "bold").getlength("100.0") + 4, size * 1.25), text, size, color, weight="bold"
    )
    after = x + step.font.getlength(text) + 8
    small = max(18, size // 3)
    canvas.text(Box(after, y + size * 0.98 - small, small * 2.6, small * 1.3), "/100", small, c.MUTED)


def meter(canvas: Canvas, box: Box, label: str, value: float, band: str, color: c.Color, *, size: int = 17) -> None:
    """A labelled score out of 100 with its band and a thin bar under it."""
    figure = num(value)
    width = font(size, "bold").getlength(figure) + 2
    canvas.text(Box(box.x, box.y, box.w - width - 8, 24), f"{label} · {band}", size, c.MUTED)
    canvas.text(Box(box.x + box.w - width, box.y, width, 24), figure, size, c.TEXT, weight="bold", align="right")
    track = Box(box.x, box.y + 28, box.w, 8)
    canvas.draw(rect(track, c.RULE, 4))
    filled = max(8.0, box.w * min(100.0, max(0.0, value)) / 100)
    canvas.draw(rect(Box(track.x, track.y, filled, track.h), color, 4))


def split_bar(canvas: Canvas, box: Box, split: Sequence[float], *, labels: bool = True) -> None:
    """The class split as one bar of three colours, then a legend with each share."""
    x = box.x
    widths = [box.w * s / 100 for s in split]
    canvas.draw(rect(Box(box.x, box.y, box.w, box.h), c.RULE, 6))
    for name, w in zip(CLASSES, widths, strict=True):
        if w >= 1:
            canvas.draw(rect(Box(x, box.y, w, box.h), c.CLASS_COLORS[name]))
        x += w
    if not labels:
        return
    col = box.w / 3
    for n, (name, share) in enumerate(zip(CLASSES, split, strict=True)):
        lx = box.x + n * col
        canvas.draw(rect(Box(lx, box.y + box.h + 14, 12, 12), c.CLASS_COLORS[name], 2))
        canvas.text(Box(lx + 18, box.y + box.h + 10, col - 22, 20), c.CLASS_LABELS[name], 14, c.MUTED)
        canvas.text(Box(lx + 18, box.y + box.h + 30, col - 22, 26), f"{num(share)}%", 18, c.TEXT, weight="bold")


def task_rows(canvas: Canvas, x: float, y: float, w: float, tasks: Sequence[TaskLine], row: float) -> None:
    """Each task: its score in a chip of its class colour, then the statement on up to two lines."""
    for n, task in enumerate(tasks):
        top = y + n * row
        canvas.draw(rect(Box(x, top + 1, 40, 24), c.CLASS_COLORS[task.task_class], 5))
        canvas.text(Box(x, top + 4, 40, 20), str(task.exposure), 15, c.BACKGROUND, weight="bold", align="center")
        canvas.text(Box(x + 52, top, w - 52, row - 2), task.statement, 15, c.TEXT, max_lines=2)


def supersampled(box: Box, draw_fn: Callable[[ImageDraw.ImageDraw, float], None]) -> Callable[..., None]:
    """Draws `draw_fn` (coordinates relative to the box, times the scale it gets) smoothly into `box`."""

    def paint(image: Image.Image, draw: ImageDraw.ImageDraw) -> None:
        left, top = round(box.x), round(box.y)
        size = (round(box.w), round(box.h))
        big = image.crop((left, top, left + size[0], top + size[1])).resize(
            (size[0] * SCALE, size[1] * SCALE), Image.Resampling.NEAREST
        )
        draw_fn(ImageDraw.Draw(big), SCALE)
        image.paste(big.reduce(SCALE), (left, top))

    return paint


def radar(canvas: Canvas, box: Box, points: Sequence[AxisPoint], color: c.Color = c.RADAR_COLOR) -> None:
    """Exposure on the six axes of work (0 at the centre, 100 at the rim); an axis no task uses shows "–"."""
    cx, cy = box.w / 2, box.h / 2
    r = min(box.w / 2 - 90, box.h / 2 - 26)
    n = len(points) or 1
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    def draw_fn(d: ImageDraw.ImageDraw, s: float) -> None:
        for ring in (0.25, 0.5, 0.75, 1.0):
            ring_pts = [((cx + r * ring * math.cos(a)) * s, (cy + r * ring * math.sin(a)) * s) for a in angles]
            d.polygon(ring_pts, outline=c.RULE if ring < 1 else c.FAINT, width=max(1, round(s)))
        for a in angles:
            d.line(
                [(cx * s, cy * s), ((cx + r * math.cos(a)) * s, (cy + r * math.sin(a)) * s)],
                fill=c.RULE,
                width=max(1, round(s)),
            )
        shape = [
            ((cx + r * (p.exposure or 0) / 100 * math.cos(a)) * s, (cy + r * (p.exposure or 0) / 100 * math.sin(a)) * s)
            for p, a in zip(points, angles, strict=True)
        ]
        d.polygon(shape, fill=c.blend(c.BACKGROUND, color, 0.35), outline=color, width=round(2 * s))
        for (px, py), p in zip(shape, points, strict=True):
            if p.exposure is not None:
                d.ellipse((px - 3 * s, py - 3 * s, px + 3 * s, py + 3 * s), fill=color)

    canvas.draw(supersampled(box, draw_fn))
    for p, a in zip(points, angles, strict=True):
        lx, ly = box.x + cx + (r + 10) * math.cos(a), box.y + cy + (r + 10) * math.sin(a)
        value = "–" if p.exposure is None else num(p.exposure)
        if abs(math.cos(a)) < 0.2:  # top or bottom: one line, centred above or below the rim
            top = ly - 20 if math.sin(a) < 0 else ly + 2
            canvas.text(Box(lx - 90, top, 180, 18), f"{p.axis} {value}", 14, c.MUTED, align="center")
            continue
        right = math.cos(a) > 0
        x, w = (lx, box.x + box.w - lx) if right else (box.x, lx - box.x)
        align: Align = "left" if right else "right"
        canvas.text(Box(x, ly - 18, w, 18), p.axis, 14, c.MUTED, align=align)
        canvas.text(Box(x, ly, w, 18), value, 14, c.TEXT, weight="bold", align=align)


def trend(
    canvas: Canvas, box: Box, series: Sequence[Sequence[YearPoint]], colors: Sequence[c.Color] = (c.TREND_COLOR,)
) -> None:
    """Exposure year by year (0-100 scale), projection years shaded; first and last values labelled."""
    first = series[0]
    if not first:
        return
    years = [p.year for p in first]
    plot = Box(box.x + 4, box.y + 20, box.w - 8, box.h - 44)
    step = plot.w / max(1, len(years) - 1)

    def xy(i: int, value: float, s: float) -> tuple[float, float]:
        return ((plot.x - box.x + i * step) * s, (plot.y - box.y + plot.h * (1 - value / 100)) * s)

    projected = [i for i, p in enumerate(first) if p.projection]

    def draw_fn(d: ImageDraw.ImageDraw, s: float) -> None:
        if projected:
            x0 = xy(projected[0], 0, s)[0] - step * s / 2
            d.rectangle((x0, 0, box.w * s, (plot.y - box.y + plot.h) * s), fill=c.blend(c.BACKGROUND, c.TEXT, 0.07))
        for level in (0, 50, 100):
            y = xy(0, level, s)[1]
            d.line([(0, y), (box.w * s, y)], fill=c.RULE, width=max(1, round(s)))
        for points, color in zip(series, colors, strict=False):
            line = [xy(i, p.exposure, s) for i, p in enumerate(points)]
            d.line(line, fill=color, width=round(3 * s), joint="curve")
            for i, (px, py) in enumerate(line):
                rad = 4 * s if i in (0, len(line) - 1) else 2.5 * s
                d.ellipse((px - rad, py - rad, px + rad, py + rad), fill=color)

    canvas.draw(supersampled(box, draw_fn))
    if projected:
        canvas.text(Box(box.x, box.y, box.w, 18), "projected", 13, c.MUTED, align="right")
    canvas.text(Box(box.x, box.y + box.h - 20, 60, 18), str(years[0]), 13, c.MUTED)
    canvas.text(Box(box.x + box.w - 60, box.y + box.h - 20, 60, 18), str(years[-1]), 13, c.MUTED, align="right")
    if len(series) == 1:
        start, end = first[0].exposure, first[-1].exposure
        canvas.text(
            Box(box.x + 60, box.y + box.h - 20, box.w - 120, 18),
            f"{num(start)} → {num(end)}",
            13,
            c.TEXT,
            weight="bold",
            align="center",
        )
