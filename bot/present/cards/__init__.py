"""Share cards: 1200x630 PNG pictures of a job, a personalised job or a comparison, drawn with Pillow.

The font (DejaVu Sans, licence in fonts/) ships in the package, so every machine draws the same card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.present.cards.figures import AxisPoint, CardKind, CompareFigures, Figures, JobFigures, TaskLine, YearPoint

if TYPE_CHECKING:
    from bot.present.cards.canvas import HEIGHT, WIDTH, Canvas, TextStep
    from bot.present.cards.layouts import layout

DRAWING = {"HEIGHT", "WIDTH", "Canvas", "TextStep", "png", "layout"}  # need Pillow: imported on first use

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


def __getattr__(name: str) -> Any:
    """Pillow costs some 25 ms to import, and a CLI answer or a bot start draws no card."""
    if name not in DRAWING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from bot.present.cards import canvas, layouts

    return getattr(layouts if name == "layout" else canvas, name)


def render(figures: Figures) -> bytes:
    """The card as PNG bytes."""
    from bot.present.cards.canvas import png
    from bot.present.cards.layouts import layout

    return png(layout(figures).paint())
