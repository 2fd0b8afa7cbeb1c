"""Share cards: 1200x630 PNG pictures of a job, a personalised job or a comparison, drawn with Pillow.

The font (DejaVu Sans, licence in fonts/) ships in the package, so every machine draws the same card.
"""

from __future__ import annotations

from bot.present.cards.canvas import HEIGHT, WIDTH, Canvas, TextStep, png
from bot.present.cards.figures import AxisPoint, CardKind, CompareFigures, Figures, JobFigures, TaskLine, YearPoint
from bot.present.cards.layouts import layout

__all__ = [
    "HEIGHT",
    "WIDTH",
    "AxisPoint",
    "Canvas",
    "CardKind",
    "CompareFigures",
    "Figures",
    "JobFigures",
    "TaskLine",
    "TextStep",
    "YearPoint",
    "layout",
    "render",
]


def render(figures: Figures) -> bytes:
    """The card as PNG bytes."""
    return png(layout(figures).paint())
