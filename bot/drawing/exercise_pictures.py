"""An exercise's pictures from its pose: a still (one panel per key position, each later one
over a faint copy of the one before and with the path the moving hand, foot or hip takes) and
a looping animation. The parts that move are drawn in the movement's colour in both. Pure
functions of the pose, cached by its content, so the same pose is drawn once per process and a
changed pose is drawn anew.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from bot.content.poses import Pose, Turn
from bot.drawing.canvas import ABOVE_SCALE, PANEL_H, PANEL_W, SCALE, Painter, View, flat_palette
from bot.drawing.figure import (
    SEGMENTS,
    SPREAD_VIEWS,
    SURFACE_VIEWS,
    Figure,
    blend,
    figure,
    key_angles,
    loop,
    place,
)

STEPS_PER_MOVE = 9
FRAMES_PER_LOOP = 2 * STEPS_PER_MOVE
"""An animation through three or four positions takes fewer steps per move, so it costs no
more to draw than one through two."""
FRAME_MS = 90
KEY_HOLD_MS = 600
"""Each key position is held a moment, so the start and end can be seen, not just the motion."""
ZOOM = 2
MOVED_DEGREES = 8
"""A part whose direction changes more than this between key positions is a moving part."""
TRAVELLERS = (
    ("hand",), ("far_hand",), ("ankle", "knee"), ("far_ankle", "far_knee"), ("pelvis",), ("head",),
)  # fmt: skip
"""Joints whose path may be drawn, one per limb (the foot's if it travels, else the knee's)."""
SHORTEST_PATH = 0.07
"""Body heights a joint must travel for its path to be drawn."""
SEATS = ("chair", "block", "wall")


def _figures(pose: Pose, frames: list[tuple[dict[str, float], str | None]]) -> list[Figure]:
    """Every frame grounded, with the anchor joint where it is in the first key frame."""
    spread = pose.view in SPREAD_VIEWS
    anchor_x = place(key_angles(pose)[0], spread)[pose.anchor][0]
    return [figure(a, pose.anchor, anchor_x, focus, pose.view) for a, focus in frames]


def _keys(pose: Pose) -> list[tuple[dict[str, float], str | None]]:
    return list(zip(key_angles(pose), (frame.focus for frame in pose.frames), strict=True))


def _view(figures: list[Figure], zoom: int = 1, left: int = 0, above: bool = False) -> View:
    """Centre what the figure sweeps through over the whole loop, so nothing leaves the panel."""
    xs = [x for fig in figures for x, _ in fig.joints.values()]
    middle = (min(xs) + max(xs)) / 2
    scale = ABOVE_SCALE if above else SCALE
    return View(x0=(PANEL_W / 2 - middle * scale) * zoom, zoom=zoom, left=left, scale=scale)


def _leftmost(figures: list[Figure]) -> float:
    return min(x for fig in figures for x, _ in fig.joints.values())


def moving_parts(pose: Pose) -> frozenset[str]:
    """The parts whose direction (or, for the back, its bend) changes between key positions."""
    keys = key_angles(pose)
    moved = set()
    for name in SEGMENTS:
        for key in keys[1:]:
            turn = abs((key[name] - keys[0][name] + 180) % 360 - 180)
            shown = abs(key[f"{name}_shown"] - keys[0][f"{name}_shown"])
            if turn > MOVED_DEGREES or shown > 0.2:
                moved.add(name)
    if any(abs(key["curve"] - keys[0]["curve"]) > 0.08 for key in keys[1:]):
        moved.add("torso")
    for side in (
        "",
        "far_",
    ):  # a limb moves as a whole: the hand with the arm, the foot with the leg
        for limb in (("arm", "forearm"), ("thigh", "shin", "foot")):
            parts = [side + part for part in limb]
            if moved & set(parts):
                moved.update(parts)
    return frozenset(moved)


def _paths(pose: Pose, before: int, after: int) -> list[list[tuple[float, float]]]:
    """The paths of the one or two joints that travel furthest from one key position to the
    next, each a little short of both ends so the arrow does not hide the limb."""
    keys = key_angles(pose)
    steps = [
        blend(keys[before], keys[after], s / STEPS_PER_MOVE) for s in range(STEPS_PER_MOVE + 1)
    ]
    figures = _figures(pose, [(a, None) for a in steps])
    travels = []
    for joints in TRAVELLERS:
        name = max(joints, key=lambda n: _travel(figures, n))
        travels.append((_travel(figures, name), name))
    travels.sort(reverse=True)
    longest = travels[0][0]
    chosen = [name for length, name in travels[:2] if length >= max(SHORTEST_PATH, 0.6 * longest)]
    paths = []
    for name in chosen:
        points = [fig[name] for fig in figures]
        paths.append(points[2:-1] if len(points) > 4 else points)
    return paths


def _travel(figures: list[Figure], joint: str) -> float:
    (x0, y0), (x1, y1) = figures[0][joint], figures[-1][joint]
    return ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5


def _paint(
    painter: Painter,
    pose: Pose,
    fig: Figure,
    first: Figure,
    leftmost: float,
    ghost: Figure | None,
    moving: frozenset[str],
    paths: list[list[tuple[float, float]]] = (),
    turn: Turn | None = None,
):
    """One panel. Seats and walls stay where the first position put them."""
    spread = pose.view in SPREAD_VIEWS
    painter.mat(above=pose.view in SURFACE_VIEWS, receding=pose.view == "feet")
    for prop in pose.props:
        if prop.kind in SEATS:
            painter.prop(prop, first, leftmost)
    if ghost is not None:
        painter.figure(ghost, ghost=True, spread=spread)
    painter.figure(fig, moving=moving, spread=spread, face=pose.face)
    painter.focus(fig)
    for prop in pose.props:
        if prop.kind not in SEATS:
            painter.prop(prop, fig, leftmost)
    for points in paths:
        painter.path(points)
    if turn is not None:
        painter.turn(fig[turn.at], clockwise=turn.way == "clockwise")


def still(pose: Pose) -> bytes:
    """PNG: every key position from left to right, each after the first over a faint copy of
    the one before, with arrows between them."""
    return _still(pose.model_dump_json())


def animation(pose: Pose) -> bytes:
    """GIF: the movement through every key frame and back, looping forever."""
    return _animation(pose.model_dump_json())


@lru_cache(maxsize=256)
def _still(pose_json: str) -> bytes:
    pose = Pose.from_json(pose_json)  # validated at load; pydantic stays unloaded
    keys = _keys(pose)
    sweep = _figures(pose, loop(pose, _steps(pose)))
    positions = _figures(pose, keys)
    leftmost = _leftmost(sweep)
    moving = moving_parts(pose)
    image = Image.new("RGB", (len(keys) * PANEL_W * ZOOM, PANEL_H * ZOOM), "white")
    draw = ImageDraw.Draw(image)
    for index, fig in enumerate(positions):
        view = _view(sweep, ZOOM, index * PANEL_W, pose.view == "above")
        ghost = positions[index - 1] if index else None
        paths = _paths(pose, index - 1, index) if index else []
        painter = Painter(draw, view, indexed=False)
        turn = pose.frames[index].turn if index else None
        _paint(painter, pose, fig, positions[0], leftmost, ghost, moving, paths, turn)
        if index:
            _arrow(draw, index * PANEL_W)
    image = image.reduce(ZOOM)  # a box filter: smooth edges at a fraction of LANCZOS's cost
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # flat colours: fast and still small
    return out.getvalue()


def _arrow(draw: ImageDraw.ImageDraw, at: int) -> None:
    """A small arrow between two panels: from one position to the next."""
    z = ZOOM
    x, y = at * z, 30 * z
    colour = (90, 90, 90)
    draw.line(((x - 16 * z, y), (x + 12 * z, y)), fill=colour, width=3 * z)
    draw.polygon(((x + 18 * z, y), (x + 8 * z, y - 7 * z), (x + 8 * z, y + 7 * z)), fill=colour)


def _steps(pose: Pose) -> int:
    moves = 2 * (len(pose.frames) - 1)
    return max(4, FRAMES_PER_LOOP // moves)


@lru_cache(maxsize=256)
def _animation(pose_json: str) -> bytes:
    pose = Pose.from_json(pose_json)  # validated at load; pydantic stays unloaded
    steps = _steps(pose)
    sweep = _figures(pose, loop(pose, steps))
    view = _view(sweep, above=pose.view == "above")
    leftmost = _leftmost(sweep)
    palette = flat_palette()
    first = sweep[0]
    moving = moving_parts(pose)
    frames, durations = [], []
    for index, fig in enumerate(sweep):
        image = Image.new("P", (PANEL_W, PANEL_H), 0)
        image.putpalette(palette)
        painter = Painter(ImageDraw.Draw(image), view, indexed=True)
        _paint(painter, pose, fig, first, leftmost, None, moving)
        frames.append(image)
        durations.append(KEY_HOLD_MS if index % steps == 0 else FRAME_MS * STEPS_PER_MOVE // steps)
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
