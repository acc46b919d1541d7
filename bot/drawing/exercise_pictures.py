"""An exercise's pictures from its pose: a still (start, then end over a faint start) and a
looping animation. Pure functions of the pose, cached by its content, so the same pose is drawn
once per process and a changed pose is drawn anew.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from bot.content.poses import Pose
from bot.drawing.canvas import PANEL_H, PANEL_W, SCALE, Painter, View, flat_palette
from bot.drawing.figure import Figure, figure, key_angles, loop, place

STEPS_PER_MOVE = 9
FRAME_MS = 90
KEY_HOLD_MS = 600
"""Each key position is held a moment, so the start and end can be seen, not just the motion."""
ZOOM = 2


def _figures(pose: Pose, frames: list[tuple[dict[str, float], str | None]]) -> list[Figure]:
    """Every frame grounded, with the anchor joint where it is in the first key frame."""
    anchor_x = place(key_angles(pose)[0])[pose.anchor][0]
    above = pose.view == "above"
    return [figure(a, pose.anchor, anchor_x, focus, above) for a, focus in frames]


def _keys(pose: Pose) -> list[tuple[dict[str, float], str | None]]:
    return list(zip(key_angles(pose), (frame.focus for frame in pose.frames), strict=True))


def _view(figures: list[Figure], zoom: int = 1, left: int = 0) -> View:
    """Centre what the figure sweeps through over the whole loop, so nothing leaves the panel."""
    xs = [x for fig in figures for x, _ in fig.joints.values()]
    middle = (min(xs) + max(xs)) / 2
    return View(x0=(PANEL_W / 2 - middle * SCALE) * zoom, zoom=zoom, left=left)


def _leftmost(figures: list[Figure]) -> float:
    return min(x for fig in figures for x, _ in fig.joints.values())


def _paint(painter: Painter, pose: Pose, fig: Figure, leftmost: float, ghost: Figure | None):
    painter.mat(above=pose.view == "above")
    if ghost is not None:
        painter.figure(ghost, ghost=True)
    for prop in pose.props:
        if prop.kind in ("chair", "block", "wall"):
            painter.prop(prop, fig, leftmost)
    painter.figure(fig)
    painter.focus(fig)
    for prop in pose.props:
        if prop.kind not in ("chair", "block", "wall"):
            painter.prop(prop, fig, leftmost)


def still(pose: Pose) -> bytes:
    """PNG: the start position on the left, the end position (over a faint start) on the right."""
    return _still(pose.model_dump_json())


def animation(pose: Pose) -> bytes:
    """GIF: the movement through every key frame and back, looping forever."""
    return _animation(pose.model_dump_json())


@lru_cache(maxsize=256)
def _still(pose_json: str) -> bytes:
    pose = Pose.model_validate_json(pose_json)
    keys = _keys(pose)
    sweep = _figures(pose, loop(pose, STEPS_PER_MOVE))
    start, end = _figures(pose, [keys[0], keys[-1]])
    leftmost = _leftmost(sweep)
    image = Image.new("RGB", (2 * PANEL_W * ZOOM, PANEL_H * ZOOM), "white")
    draw = ImageDraw.Draw(image)
    for left, fig, ghost in ((0, start, None), (PANEL_W, end, start)):
        view = _view(sweep, ZOOM, left)
        _paint(Painter(draw, view, indexed=False), pose, fig, leftmost, ghost)
    _arrow(draw)
    image = image.reduce(ZOOM)  # a box filter: smooth edges at a fraction of LANCZOS's cost
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _arrow(draw: ImageDraw.ImageDraw) -> None:
    """A small arrow between the two panels: from the start to the end."""
    z = ZOOM
    x, y = PANEL_W * z, 30 * z
    colour = (90, 90, 90)
    draw.line(((x - 16 * z, y), (x + 12 * z, y)), fill=colour, width=3 * z)
    draw.polygon(((x + 18 * z, y), (x + 8 * z, y - 7 * z), (x + 8 * z, y + 7 * z)), fill=colour)


@lru_cache(maxsize=256)
def _animation(pose_json: str) -> bytes:
    pose = Pose.model_validate_json(pose_json)
    sweep = _figures(pose, loop(pose, STEPS_PER_MOVE))
    view = _view(sweep)
    leftmost = _leftmost(sweep)
    palette = flat_palette()
    frames, durations = [], []
    for index, fig in enumerate(sweep):
        image = Image.new("P", (PANEL_W, PANEL_H), 0)
        image.putpalette(palette)
        _paint(Painter(ImageDraw.Draw(image), view, indexed=True), pose, fig, leftmost, None)
        frames.append(image)
        durations.append(KEY_HOLD_MS if index % STEPS_PER_MOVE == 0 else FRAME_MS)
    out = io.BytesIO()
    frames[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        optimize=False,  # the palette is already small; re-optimising it per frame costs most
    )
    return out.getvalue()
