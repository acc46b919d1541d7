"""The /progress chart: sessions per week as bars against the plan, and pain after sessions as a
line on a 0-10 scale, in one picture. Labels come from the caller (content), never from here."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from bot.drawing.fonts import REGULAR

WIDTH, HEIGHT = 720, 420
BAR, PLAN, PAIN, GRID, INK = (
    (96, 150, 200),
    (214, 69, 65),
    (226, 140, 40),
    (225, 229, 235),
    (40, 40, 40),
)


@dataclass(frozen=True)
class ChartData:
    weeks: tuple[str, ...]
    """Label of each week, oldest first."""
    done: tuple[int, ...]
    planned: int
    pain: tuple[float | None, ...]
    """Average pain after that week's sessions (None: no rating that week)."""
    title: str
    sessions_label: str
    plan_label: str
    pain_label: str


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(REGULAR), size)


def chart_png(data: ChartData) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    left, right, top, bottom = 56, WIDTH - 56, 64, HEIGHT - 56
    draw.text((left, 16), data.title, fill=INK, font=font(22))
    small = font(14)
    top_count = max(data.planned, *data.done, 1) + 1
    # Grid and left scale: sessions per week.
    for count in range(top_count + 1):
        y = bottom - (bottom - top) * count / top_count
        draw.line(((left, y), (right, y)), fill=GRID, width=1)
        draw.text((left - 22, y - 8), str(count), fill=BAR, font=small)
    # Right scale: pain 0-10.
    for pain in (0, 5, 10):
        y = bottom - (bottom - top) * pain / 10
        draw.text((right + 8, y - 8), str(pain), fill=PAIN, font=small)
    slot = (right - left) / max(1, len(data.weeks))
    points = []
    for index, (label, done) in enumerate(zip(data.weeks, data.done, strict=True)):
        x0 = left + index * slot + slot * 0.2
        x1 = left + (index + 1) * slot - slot * 0.2
        y = bottom - (bottom - top) * done / top_count
        if done:
            draw.rectangle((x0, y, x1, bottom), fill=BAR)
        draw.text(((x0 + x1) / 2, bottom + 8), label, fill=INK, font=small, anchor="mt")
        pain = data.pain[index]
        if pain is not None:
            points.append(((x0 + x1) / 2, bottom - (bottom - top) * pain / 10))
    plan_y = bottom - (bottom - top) * data.planned / top_count
    _dashed(draw, left, right, plan_y)
    if len(points) > 1:
        draw.line(points, fill=PAIN, width=4, joint="curve")
    for x, y in points:
        draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=PAIN)
    _legend(draw, data, bottom + 30, small)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _dashed(draw: ImageDraw.ImageDraw, left: float, right: float, y: float) -> None:
    x = left
    while x < right:
        draw.line(((x, y), (min(x + 12, right), y)), fill=PLAN, width=3)
        x += 20


def _legend(draw: ImageDraw.ImageDraw, data: ChartData, y: float, small) -> None:
    x = 56
    for colour, label, kind in (
        (BAR, data.sessions_label, "box"),
        (PLAN, data.plan_label, "dash"),
        (PAIN, data.pain_label, "dot"),
    ):
        if kind == "box":
            draw.rectangle((x, y, x + 14, y + 14), fill=colour)
        elif kind == "dash":
            draw.line(((x, y + 7), (x + 14, y + 7)), fill=colour, width=3)
        else:
            draw.ellipse((x + 1, y + 1, x + 13, y + 13), fill=colour)
        draw.text((x + 20, y), label, fill=INK, font=small)
        x += 30 + draw.textlength(label, font=small)
