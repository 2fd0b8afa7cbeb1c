"""A card as a list of drawing steps: text is measured and fitted to its box when laid out, pixels come later.

Laying out costs no pixels, so tests can check every text box of every profile's card quickly;
`paint` turns the steps into an image and `png` encodes it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
ELLIPSIS = "…"
Color = tuple[int, int, int]
Font = ImageFont.FreeTypeFont
Align = Literal["left", "right", "center"]
PNG_COLORS = 256
KERNING_SLACK = 2.0
PNG_LEVEL = 3
PALETTE_SAMPLE = 3  # the palette is picked from a copy reduced this many times in each direction
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


@cache
def font(size: int, weight: str = "regular") -> Font:
    """The shipped DejaVu Sans, never a system font, so every machine draws the same card."""
    path = files("bot.present.cards").joinpath("fonts", FONT_FILES[weight])
    if isinstance(path, Path):  # an installed package: FreeType reads the file, no copy per size (~0.7 MB each)
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    with path.open("rb") as handle:  # e.g. inside a zip
        return ImageFont.truetype(io.BytesIO(handle.read()), size, layout_engine=ImageFont.Layout.BASIC)


_ADVANCES: dict[int, dict[str, float]] = {}  # by id() of a font from `font`, which keeps every font it makes


def estimate(text: str, f: Font) -> float:
    """The sum of the characters' advances: within a pixel of the real width, and far cheaper to get."""
    advances = _ADVANCES.setdefault(id(f), {})
    total = 0.0
    for ch in text:
        width = advances.get(ch)
        if width is None:
            width = advances[ch] = f.getlength(ch)
        total += width
    return total


def fits(text: str, f: Font, width: float) -> bool:
    """Exact where it matters: kerning moves a line by well under KERNING_SLACK pixels."""
    guess = estimate(text, f)
    if guess <= width - KERNING_SLACK:
        return True
    return guess <= width + KERNING_SLACK and f.getlength(text) <= width


def line_height(f: Font) -> int:
    return round(f.size * 1.22)


def _cut(text: str, f: Font, width: float) -> str:
    """The longest start of `text` that fits with an ellipsis after it."""
    low, high = 0, len(text)
    while low < high:  # binary search on the length: the widest start that fits
        mid = (low + high + 1) // 2
        if f.getlength(text[:mid] + ELLIPSIS) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip(" ,;:·—-") + ELLIPSIS


def wrap(text: str, f: Font, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most `max_lines`; what does not fit ends in an ellipsis.

    Words are measured once each and lines by their sum; each finished line is then measured whole,
    and the rare text where kerning makes the sum wrong is wrapped again by measuring every trial line.
    """
    words = text.split()
    space = f.getlength(" ")
    sizes = [estimate(w, f) for w in words]
    lines = _wrap(words, lambda i, j: sum(sizes[i:j]) + space * (j - i - 1), f, width, max_lines)
    if all(fits(line, f, width) for line in lines):
        return lines
    return _wrap(words, lambda i, j: f.getlength(" ".join(words[i:j])), f, width, max_lines)


def _wrap(words: list[str], length: Callable[[int, int], float], f: Font, width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    start = 0
    for end in range(1, len(words) + 1):
        if length(start, end) <= width:
            continue
        if len(lines) + 1 == max_lines:  # the last line: cut inside the word that does not fit
            return [*lines, _cut(" ".join(words[start:end]), f, width)]
        if end - 1 > start:
            lines.append(" ".join(words[start : end - 1]))
            start = end - 1
        if length(start, end) > width:  # one word wider than the box on a line of its own
            lines.append(_cut(words[start], f, width))
            start = end
    if start < len(words):
        lines.append(" ".join(words[start:]))
    return lines[:max_lines]


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class TextStep:
    """Fitted text: `lines` drawn from the box's top, each no wider than the box."""

    box: Box
    lines: tuple[str, ...]
    font: Font
    fill: Color
    align: Align

    @property
    def line_height(self) -> int:
        return line_height(self.font)


Paint = Callable[[Image.Image, ImageDraw.ImageDraw], None]


@dataclass
class Canvas:
    background: Color
    texts: list[TextStep] = field(default_factory=list)
    steps: list[TextStep | Paint] = field(default_factory=list)

    def text(
        self,
        box: Box,
        text: str,
        size: int | tuple[int, ...],
        fill: Color,
        *,
        weight: str = "regular",
        max_lines: int = 1,
        align: Align = "left",
    ) -> TextStep:
        """Fits `text` in `box`: the first size (largest first) that needs no ellipsis, else the smallest, cut."""
        sizes = (size,) if isinstance(size, int) else size
        for n, s in enumerate(sizes):
            f = font(s, weight)
            lines_fit = max(1, min(max_lines, int(box.h // line_height(f))))
            lines = wrap(text, f, box.w, lines_fit)
            if n == len(sizes) - 1 or not any(line.endswith(ELLIPSIS) for line in lines):
                break
        step = TextStep(box, tuple(lines), f, fill, align)
        self.texts.append(step)
        self.steps.append(step)
        return step

    def draw(self, paint: Paint) -> None:
        self.steps.append(paint)

    def paint(self) -> Image.Image:
        image = Image.new("RGB", (WIDTH, HEIGHT), self.background)
        draw = ImageDraw.Draw(image)
        for step in self.steps:
            if isinstance(step, TextStep):
                _draw_text(draw, step)
            else:
                step(image, draw)
        return image


def _draw_text(draw: ImageDraw.ImageDraw, step: TextStep) -> None:
    box, f = step.box, step.font
    for n, line in enumerate(step.lines):
        y = box.y + n * step.line_height
        x = box.x
        if step.align != "left":
            room = box.w - f.getlength(line)
            x += room if step.align == "right" else room / 2
        draw.text((x, y), line, font=f, fill=step.fill)


def png(image: Image.Image) -> bytes:
    """A 256-colour PNG: a flat dark card loses nothing visible, and it encodes several times faster and smaller.

    The palette is chosen on a copy a third the size (a ninth of the pixels) and then every pixel takes its
    nearest colour: 3 ms instead of 7 for the octree over the whole card, and no pixel moves by more than a
    few levels more than it would have.
    """
    palette = image.reduce(PALETTE_SAMPLE).quantize(PNG_COLORS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.quantize(palette=palette, dither=Image.Dither.NONE).save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()
