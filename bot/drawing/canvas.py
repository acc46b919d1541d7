"""Drawing one figure on a mat: the shared look of every exercise picture.

Works on palette ("P") images so an animation needs no colour quantising (that would cost more
than the drawing), and on RGB images for the still pictures, which are drawn at twice the size
and scaled down for smooth edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import ImageDraw

from bot.content.poses import Prop
from bot.drawing.figure import HEAD_RADIUS, LIMB_RADIUS, TORSO_RADIUS, Figure

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
    "move": (222, 112, 28),
    "move_far": (243, 186, 140),
    "path": (196, 52, 48),
}
NAMES = tuple(PALETTE)
PANEL_W, PANEL_H = 320, 240
SCALE = 215
"""Pixels per unit of body length at 1x: a standing figure is about 200 px tall."""
ABOVE_SCALE = 150
"""Seen from above, smaller, so arms out to the sides stay on the mat."""
FLOOR = 212
TURN_RADIUS = 0.12
"""A turn arrow's radius (body heights): round a pelvis, clear of the focus ring inside it."""
RECEDING_INSET = 55
"""Seen along the mat from its end, how much narrower its far end is on each side (pixels)."""
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
    scale: float = SCALE
    """Panel's left edge in the image (the second panel of a still sits to the right)."""

    def px(self, point: tuple[float, float]) -> tuple[float, float]:
        x, y = point
        return (
            self.left * self.zoom + self.x0 + x * self.scale * self.zoom,
            (FLOOR - y * self.scale) * self.zoom,
        )

    def size(self, length: float) -> float:
        return length * self.scale * self.zoom


class Painter:
    """Draws on a palette or RGB image; colours are named so both modes share the code."""

    def __init__(self, draw: ImageDraw.ImageDraw, view: View, indexed: bool):
        self.draw = draw
        self.view = view
        self.indexed = indexed

    def colour(self, name: str):
        return NAMES.index(name) if self.indexed else PALETTE[name]

    def mat(self, above: bool = False, receding: bool = False) -> None:
        """The mat edge-on under the figure, or seen from above, the whole mat under it; seen
        along its length (`receding`), narrower at the far end, so the floor reads as a floor."""
        v = self.view
        z = v.zoom
        left, right = (v.left + 14) * z, (v.left + PANEL_W - 14) * z
        if receding:
            far = RECEDING_INSET * z
            corners = ((left + far, 40 * z), (right - far, 40 * z))
            near = ((right, (PANEL_H - 8) * z), (left, (PANEL_H - 8) * z))
            self.draw.polygon((*corners, *near), fill=self.colour("mat_top"))
            return
        if above:
            box = (left, 40 * z, right, (PANEL_H - 8) * z)
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

    def figure(
        self,
        fig: Figure,
        ghost: bool = False,
        moving: frozenset[str] = frozenset(),
        spread: bool = False,
        face: str = "profile",
    ) -> None:
        """The far limbs first, then the trunk and head, then the near limbs. Parts that move
        are drawn in the movement's colour; seen from above or the front (`spread`: shoulders
        and hips apart) both sides are in full view."""

        def colour(part: str) -> str:
            far = part.startswith("far_") and not spread
            if ghost:
                return "ghost"
            if part in moving:
                return "move_far" if far else "move"
            return "far" if far else "near"

        j = fig.joints
        thin = self.view.size(1.6 * LIMB_RADIUS)
        for side in ("far_", ""):
            if side == "":
                self._back(fig, colour("torso"))
                if spread:
                    self.limb(j["shoulder"], j["far_shoulder"], colour("torso"))
                    self.limb(j["hip"], j["far_hip"], colour("torso"))
                self._head(j["head"], "ghost" if ghost else "near")
                if not ghost:
                    self._face(fig, face)
            self.limb(j[f"{side}hip"], j[f"{side}knee"], colour(f"{side}thigh"))
            self.limb(j[f"{side}knee"], j[f"{side}ankle"], colour(f"{side}shin"))
            self.limb(
                j[f"{side}ankle"],
                j[f"{side}toe"],
                colour(f"{side}foot"),
                self.view.size(1.4 * LIMB_RADIUS),
            )
            self.limb(j[f"{side}shoulder"], j[f"{side}elbow"], colour(f"{side}arm"), thin)
            self.limb(j[f"{side}elbow"], j[f"{side}hand"], colour(f"{side}forearm"), thin)

    def _face(self, fig: Figure, face: str) -> None:
        """A nose shows which way a profile faces; eyes, a face turned to the viewer."""
        cx, cy = self.view.px(fig["head"])
        r = self.view.size(HEAD_RADIUS)
        fill = self.colour("near")
        turn = math.radians(fig.head_angle - 90)
        if face == "profile":
            nx, ny = cx + 0.95 * r * math.cos(turn), cy - 0.95 * r * math.sin(turn)
            n = 0.38 * r
            self.draw.ellipse((nx - n, ny - n, nx + n, ny + n), fill=fill)
        elif face == "viewer":
            up = math.radians(fig.head_angle)
            e = 0.22 * r
            paper = self.colour("paper")
            for side in (-1, 1):
                ex = cx + 0.2 * r * math.cos(up) + side * 0.4 * r * math.cos(up - math.pi / 2)
                ey = cy - 0.2 * r * math.sin(up) - side * 0.4 * r * math.sin(up - math.pi / 2)
                self.draw.ellipse((ex - e, ey - e, ex + e, ey + e), fill=paper)

    def path(self, points: list[tuple[float, float]]) -> None:
        """The way a hand, foot or hip travels from one position to the next, with an arrowhead."""
        if len(points) < 2:
            return
        pixels = [self.view.px(p) for p in points]
        width = round(self.view.size(0.012))
        fill = self.colour("path")
        self.draw.line(pixels, fill=fill, width=width, joint="curve")
        (x0, y0), (x1, y1) = pixels[-2], pixels[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        size = self.view.size(0.05)
        wing = 2.6
        self.draw.polygon(
            (
                (x1 + size * math.cos(angle), y1 + size * math.sin(angle)),
                (
                    x1 + size * 0.9 * math.cos(angle + wing),
                    y1 + size * 0.9 * math.sin(angle + wing),
                ),
                (
                    x1 + size * 0.9 * math.cos(angle - wing),
                    y1 + size * 0.9 * math.sin(angle - wing),
                ),
            ),
            fill=fill,
        )

    def turn(self, centre: tuple[float, float], clockwise: bool) -> None:
        """An arc over a joint (clear of the mat and of a focus ring), ending in an arrowhead
        the way the part turns."""
        v = self.view
        x, y = v.px(centre)
        r = v.size(TURN_RADIUS)
        # Pillow's angles run clockwise from 3 o'clock (y points down): from 9 over 12 to 3.
        start, end = 190, 350
        width = round(v.size(0.012))
        fill = self.colour("path")
        self.draw.arc((x - r, y - r, x + r, y + r), start, end, fill=fill, width=width)
        tip = math.radians(end if clockwise else start)
        tx, ty = x + r * math.cos(tip), y + r * math.sin(tip)
        ahead = tip + (math.pi / 2 if clockwise else -math.pi / 2)  # along the arc, onwards
        size = v.size(0.05)
        back = (tx - size * math.cos(ahead), ty - size * math.sin(ahead))
        side = (-math.sin(ahead) * size * 0.55, math.cos(ahead) * size * 0.55)
        self.draw.polygon(
            (
                (tx, ty),
                (back[0] + side[0], back[1] + side[1]),
                (back[0] - side[0], back[1] - side[1]),
            ),
            fill=fill,
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
        width = self.view.size(2 * TORSO_RADIUS)
        self.draw.line(
            [self.view.px(p) for p in points],
            fill=self.colour(colour),
            width=round(width),
            joint="curve",
        )
        for end in (points[0], points[-1]):
            self.limb(end, end, colour, width)

    def focus(self, fig: Figure) -> None:
        """A ring round the joint where the work is felt."""
        if fig.focus is None:
            return
        x, y = self.view.px(fig[fig.focus])
        r = self.view.size(0.075)
        width = round(self.view.size(0.014))
        self.draw.ellipse((x - r, y - r, x + r, y + r), outline=self.colour("band"), width=width)
        if fig.focus == "belly":  # drawn in: an arrow from the front of the belly towards the spine
            front = fig.torso_angle - 90
            (bx, by) = fig["belly"]
            start = (
                bx + 0.2 * math.cos(math.radians(front)),
                by + 0.2 * math.sin(math.radians(front)),
            )
            end = (
                bx + 0.09 * math.cos(math.radians(front)),
                by + 0.09 * math.sin(math.radians(front)),
            )
            self.path([start, end])

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
            self._seat(prop, j[prop.at], j[prop.to] if prop.to else None)

    def _seat(self, prop: Prop, joint, other=None) -> None:
        """A chair or block whose top is just under the joint, standing on the floor; a block
        given a second joint reaches under both (a bench under a knee and a hand)."""
        v = self.view
        top = joint[1] - LIMB_RADIUS
        half = 0.11
        x = joint[0]
        fill = self.colour("prop")
        leg = round(v.size(0.025))
        if prop.kind == "block":
            ends = (x, other[0] if other else x)
            top_left = v.px((min(ends) - half, top))
            bottom_right = v.px((max(ends) + half, 0))
            self.draw.rectangle((*top_left, *bottom_right), fill=fill)
            return
        seat = round(v.size(0.03))
        self.draw.line((v.px((x - half, top)), v.px((x + half, top))), fill=fill, width=seat)
        for lx in (x - half, x + half):
            self.draw.line((v.px((lx, top)), v.px((lx, 0))), fill=fill, width=leg)
        back = x - half
        self.draw.line((v.px((back, top)), v.px((back, top + 0.26))), fill=fill, width=leg)
