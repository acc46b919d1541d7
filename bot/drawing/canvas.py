"""Drawing one figure on a mat: the shared look of every exercise picture.

Works on palette ("P") images so an animation needs no colour quantising (that would cost more
than the drawing), and on RGB images for the still pictures, which are drawn at twice the size
and scaled down for smooth edges.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw

from bot.content.poses import Prop
from bot.drawing.figure import HEAD_RADIUS, LIMB_RADIUS, Figure

PALETTE = {
    "paper": (255, 255, 255),
    "mat": (120, 170, 150),
    "mat_top": (206, 228, 218),
    "near": (31, 58, 95),
    "far": (150, 168, 190),
    "ghost": (222, 228, 236),
    "prop": (160, 120, 80),
    "band": (214, 69, 65),
    "towel": (226, 180, 90),
    "mark": (90, 90, 90),
}
NAMES = tuple(PALETTE)
PANEL_W, PANEL_H = 320, 240
SCALE = 215
"""Pixels per unit of body length at 1x: a standing figure is about 200 px tall."""
FLOOR = 212
MAT_THICKNESS = 7


def flat_palette() -> list[int]:
    return [channel for name in NAMES for channel in PALETTE[name]]


@dataclass(frozen=True)
class View:
    """Where world coordinates land in a panel: one offset for every frame of an exercise."""

    x0: float
    """Pixel column of world x = 0 (already scaled by `zoom`)."""
    zoom: int = 1
    left: int = 0
    """Panel's left edge in the image (the second panel of a still sits to the right)."""

    def px(self, point: tuple[float, float]) -> tuple[float, float]:
        x, y = point
        return (
            self.left * self.zoom + self.x0 + x * SCALE * self.zoom,
            (FLOOR - y * SCALE) * self.zoom,
        )

    def size(self, length: float) -> float:
        return length * SCALE * self.zoom


class Painter:
    """Draws on a palette or RGB image; colours are named so both modes share the code."""

    def __init__(self, draw: ImageDraw.ImageDraw, view: View, indexed: bool):
        self.draw = draw
        self.view = view
        self.indexed = indexed

    def colour(self, name: str):
        return NAMES.index(name) if self.indexed else PALETTE[name]

    def mat(self, above: bool = False) -> None:
        """The mat edge-on under the figure, or seen from above, the whole mat under it."""
        v = self.view
        z = v.zoom
        left, right = (v.left + 14) * z, (v.left + PANEL_W - 14) * z
        if above:
            box = (left, 44 * z, right, (PANEL_H - 14) * z)
            self.draw.rounded_rectangle(box, radius=8 * z, fill=self.colour("mat_top"))
            return
        top = FLOOR * z
        self.draw.rounded_rectangle(
            (left, top, right, top + MAT_THICKNESS * z), radius=3 * z, fill=self.colour("mat")
        )

    def limb(self, a, b, colour: str, width: float | None = None) -> None:
        width = width or self.view.size(2 * LIMB_RADIUS)
        p, q = self.view.px(a), self.view.px(b)
        fill = self.colour(colour)
        self.draw.line((p, q), fill=fill, width=round(width))
        for x, y in (p, q):
            r = width / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def figure(self, fig: Figure, ghost: bool = False) -> None:
        far = "ghost" if ghost else "far"
        near = "ghost" if ghost else "near"
        j = fig.joints
        for side, colour in (("far_", far), ("", near)):
            if side == "":
                self._back(fig, near)
                self._head(j["head"], near)
            self.limb(j["pelvis"], j[f"{side}knee"], colour)
            self.limb(j[f"{side}knee"], j[f"{side}ankle"], colour)
            self.limb(j[f"{side}ankle"], j[f"{side}toe"], colour, self.view.size(1.4 * LIMB_RADIUS))
            self.limb(j["neck"], j[f"{side}elbow"], colour, self.view.size(1.6 * LIMB_RADIUS))
            self.limb(
                j[f"{side}elbow"], j[f"{side}hand"], colour, self.view.size(1.6 * LIMB_RADIUS)
            )

    def _back(self, fig: Figure, colour: str) -> None:
        """Pelvis to neck, bowed by the frame's curve (a quadratic arc through a side point)."""
        (x0, y0), (x1, y1) = fig["pelvis"], fig["neck"]
        bow = fig.curve * 2  # the arc's middle lies half as far out as its control point
        at = fig.curve_at
        cx = x0 + (x1 - x0) * at - (y1 - y0) * bow
        cy = y0 + (y1 - y0) * at + (x1 - x0) * bow
        points = []
        for i in range(9):
            t = i / 8
            points.append(
                (
                    (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1,
                )
            )
        width = self.view.size(2 * LIMB_RADIUS)
        self.draw.line(
            [self.view.px(p) for p in points],
            fill=self.colour(colour),
            width=round(width),
            joint="curve",
        )
        for end in (points[0], points[-1]):
            self.limb(end, end, colour)

    def focus(self, fig: Figure) -> None:
        """A ring round the joint where the work is felt."""
        if fig.focus is None:
            return
        x, y = self.view.px(fig[fig.focus])
        r = self.view.size(0.075)
        width = round(self.view.size(0.014))
        self.draw.ellipse((x - r, y - r, x + r, y + r), outline=self.colour("band"), width=width)

    def _head(self, centre, colour: str) -> None:
        x, y = self.view.px(centre)
        r = self.view.size(HEAD_RADIUS)
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=self.colour(colour))

    def prop(self, prop: Prop, fig: Figure, leftmost: float) -> None:
        j = fig.joints
        v = self.view
        if prop.kind in ("band", "towel"):
            width = v.size(0.6 * LIMB_RADIUS if prop.kind == "band" else LIMB_RADIUS)
            self.draw.line(
                (v.px(j[prop.at]), v.px(j[prop.to])),
                fill=self.colour(prop.kind),
                width=round(width),
            )
        elif prop.kind == "weight":
            x, y = v.px(j[prop.at])
            r = v.size(0.035)
            self.draw.rectangle((x - 1.6 * r, y - r, x + 1.6 * r, y + r), fill=self.colour("mark"))
        elif prop.kind == "wall":
            x = leftmost - 0.06
            self.draw.line(
                (v.px((x, 0)), v.px((x, 1.05))), fill=self.colour("prop"), width=round(v.size(0.04))
            )
        else:
            self._seat(prop, j[prop.at])

    def _seat(self, prop: Prop, joint) -> None:
        """A chair or block whose top is just under the joint, standing on the floor."""
        v = self.view
        top = joint[1] - LIMB_RADIUS
        half = 0.11
        x = joint[0]
        fill = self.colour("prop")
        leg = round(v.size(0.025))
        if prop.kind == "block":
            top_left, bottom_right = v.px((x - half, top)), v.px((x + half, 0))
            self.draw.rectangle((*top_left, *bottom_right), fill=fill)
            return
        seat = round(v.size(0.03))
        self.draw.line((v.px((x - half, top)), v.px((x + half, top))), fill=fill, width=seat)
        for lx in (x - half, x + half):
            self.draw.line((v.px((lx, top)), v.px((lx, 0))), fill=fill, width=leg)
        back = x - half
        self.draw.line((v.px((back, top)), v.px((back, top + 0.26))), fill=fill, width=leg)
