"""Dark theme colours; data colours from the Okabe-Ito palette, which stays distinct under colour blindness."""

from __future__ import annotations

Color = tuple[int, int, int]

BACKGROUND: Color = (18, 21, 28)
PANEL: Color = (28, 32, 42)
RULE: Color = (52, 58, 72)
TEXT: Color = (238, 240, 245)
MUTED: Color = (156, 163, 178)
FAINT: Color = (104, 112, 128)

# Okabe-Ito
ORANGE: Color = (230, 159, 0)
SKY_BLUE: Color = (86, 180, 233)
BLUISH_GREEN: Color = (0, 158, 115)
YELLOW: Color = (240, 228, 66)
BLUE: Color = (0, 114, 178)
VERMILLION: Color = (213, 94, 0)
REDDISH_PURPLE: Color = (204, 121, 167)

CLASS_COLORS: dict[str, Color] = {"substitutable": VERMILLION, "assisted": YELLOW, "human": SKY_BLUE}
CLASS_LABELS = {"substitutable": "AI-substitutable", "assisted": "AI-assisted", "human": "human-critical"}
BAND_COLORS: dict[str, Color] = {
    "low": BLUISH_GREEN,
    "moderate": YELLOW,
    "high": ORANGE,
    "very high": VERMILLION,
}
RISK_COLOR = VERMILLION
RESILIENCE_COLOR = SKY_BLUE
TREND_COLOR = ORANGE
RADAR_COLOR = SKY_BLUE
SECOND_COLOR = REDDISH_PURPLE  # the second job on a comparison card


def band_color(band: str) -> Color:
    return BAND_COLORS.get(band, SKY_BLUE)


def blend(a: Color, b: Color, t: float) -> Color:
    """`a` moved a fraction `t` toward `b`: a translucent colour drawn on a known background."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
