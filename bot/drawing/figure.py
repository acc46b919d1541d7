"""A stick figure's joints from a frame of segment angles, and frames in between.

Lengths are in body heights' fractions of a 1.75 m adult, so proportions look human.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.content.poses import Frame, Pose

TORSO, NECK_TO_HEAD, HEAD_RADIUS = 0.30, 0.09, 0.062
UPPER_ARM, FOREARM = 0.17, 0.17
THIGH, SHIN, FOOT = 0.245, 0.245, 0.075
LENGTHS = {
    "torso": TORSO, "arm": UPPER_ARM, "forearm": FOREARM,
    "thigh": THIGH, "shin": SHIN, "foot": FOOT,
}  # fmt: skip
LIMB_RADIUS = 0.03
"""Half a limb's thickness: a lying figure's centre line sits this far above the mat."""
TORSO_RADIUS = 0.045
"""Half the trunk's thickness: thicker than a limb, so the body reads as a body."""
SHOULDER_HALF, HIP_HALF = 0.1, 0.06
"""Seen from above or the front, how far each shoulder and hip sits from the middle of the body."""
SEGMENTS = ("torso", "arm", "forearm", "far_arm", "far_forearm", "thigh", "shin", "foot",
            "far_thigh", "far_shin", "far_foot")  # fmt: skip
LINEAR = ("curve", "curve_at", *(f"{name}_shown" for name in SEGMENTS))
"""Values blended straight, not as angles turning the short way round."""

Point = tuple[float, float]


SPREAD_VIEWS = ("above", "front", "feet")
"""Views that show the body's width: shoulders and hips apart."""
SURFACE_HEIGHT = {"above": 0.5, "slant": 0.5, "feet": 0.3}
"""Views that look down on the mat's surface: the mat fills the panel and the pelvis sits this
high in it, so a part nearer the viewer may be drawn below it (a slant view's bent knees, the
feet seen from the feet end). From above, the middle of the mat at that view's smaller scale;
from the feet end, low, as the trunk recedes up the panel."""
SURFACE_VIEWS = tuple(SURFACE_HEIGHT)
BELLY = 0.4
"""The belly's place along the torso, from the pelvis."""


@dataclass(frozen=True)
class Figure:
    """Joint positions (metres-ish, y up) with the lowest point on the floor at y = 0."""

    joints: dict[str, Point]
    curve: float = 0.0
    focus: str | None = None
    curve_at: float = 0.5
    head_angle: float = 90.0
    torso_angle: float = 90.0

    def __getitem__(self, joint: str) -> Point:
        return self.joints[joint]


def _step(start: Point, angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return start[0] + length * math.cos(rad), start[1] + length * math.sin(rad)


def angles(frame: Frame) -> dict[str, float]:
    """Every angle of a frame, with left-out parts following their partner."""
    arm = frame.arm
    forearm = frame.forearm if frame.forearm is not None else arm
    far_arm = frame.far_arm if frame.far_arm is not None else arm
    far_forearm = (
        frame.far_forearm
        if frame.far_forearm is not None
        else (forearm if frame.far_arm is None else far_arm)
    )
    shin = frame.shin if frame.shin is not None else frame.thigh
    far_thigh = frame.far_thigh if frame.far_thigh is not None else frame.thigh
    far_shin = (
        frame.far_shin
        if frame.far_shin is not None
        else (shin if frame.far_thigh is None else far_thigh)
    )
    foot = frame.foot if frame.foot is not None else shin + 90
    far_foot = (
        frame.far_foot
        if frame.far_foot is not None
        else (foot if frame.far_shin is None and frame.far_thigh is None else far_shin + 90)
    )
    shown = _shown(frame)
    return {
        **shown,
        "torso": frame.torso,
        "head": frame.head if frame.head is not None else frame.torso,
        "arm": arm,
        "forearm": forearm,
        "far_arm": far_arm,
        "far_forearm": far_forearm,
        "thigh": frame.thigh,
        "shin": shin,
        "far_thigh": far_thigh,
        "far_shin": far_shin,
        "foot": foot,
        "far_foot": far_foot,
        "curve": frame.curve,
        "curve_at": frame.curve_at,
    }


def _shown(frame: Frame) -> dict[str, float]:
    """How much of each part's length shows; a left-out part follows the part it copies."""
    given = frame.shorten
    copies = {
        "forearm": "arm" if frame.forearm is None else None,
        "far_arm": "arm" if frame.far_arm is None else None,
        "far_forearm": ("far_arm" if frame.far_arm is not None else "forearm")
        if frame.far_forearm is None
        else None,
        "shin": "thigh" if frame.shin is None else None,
        "far_thigh": "thigh" if frame.far_thigh is None else None,
        "far_shin": ("far_thigh" if frame.far_thigh is not None else "shin")
        if frame.far_shin is None
        else None,
        "far_foot": "foot" if frame.far_foot is None and frame.far_shin is None else None,
    }
    shown: dict[str, float] = {}
    for name in SEGMENTS:
        partner = copies.get(name)
        default = shown[partner] if partner is not None else 1.0
        shown[name] = given.get(name, default)
    return {f"{name}_shown": value for name, value in shown.items()}


def place(a: dict[str, float], spread: bool = False) -> dict[str, Point]:
    """Joints with the pelvis at the origin. Seen from above or the front (`spread`), the
    shoulders and hips sit apart (the near ones to the right of the line from pelvis to neck);
    from the side they coincide with the neck and the pelvis."""

    def length(part: str) -> float:
        return LENGTHS[part.removeprefix("far_")] * a.get(f"{part}_shown", 1.0)

    j: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    j["neck"] = _step(j["pelvis"], a["torso"], length("torso"))
    j["belly"] = _step(j["pelvis"], a["torso"], length("torso") * BELLY)
    j["head"] = _step(j["neck"], a["head"], NECK_TO_HEAD)
    across = a["torso"] - 90
    for side, sign in (("", 1), ("far_", -1)):
        shoulder, hip = j["neck"], j["pelvis"]
        if spread:
            shoulder = _step(shoulder, across, sign * SHOULDER_HALF)
            hip = _step(hip, across, sign * HIP_HALF)
        j[f"{side}shoulder"], j[f"{side}hip"] = shoulder, hip
        j[f"{side}elbow"] = _step(shoulder, a[f"{side}arm"], length(f"{side}arm"))
        j[f"{side}hand"] = _step(j[f"{side}elbow"], a[f"{side}forearm"], length(f"{side}forearm"))
        j[f"{side}knee"] = _step(hip, a[f"{side}thigh"], length(f"{side}thigh"))
        j[f"{side}ankle"] = _step(j[f"{side}knee"], a[f"{side}shin"], length(f"{side}shin"))
        j[f"{side}toe"] = _step(j[f"{side}ankle"], a[f"{side}foot"], length(f"{side}foot"))
    return j


TRUNK = ("pelvis", "belly", "neck")


def lowest(joints: dict[str, Point]) -> float:
    """The lowest point of the body's outline: a limb's or the trunk's edge, or the head's."""
    limbs = min(y for name, (_, y) in joints.items() if name not in ("head", *TRUNK))
    trunk = min(joints[name][1] for name in TRUNK)
    return min(limbs - LIMB_RADIUS, trunk - TORSO_RADIUS, joints["head"][1] - HEAD_RADIUS)


def figure(
    a: dict[str, float],
    anchor: str,
    anchor_x: float,
    focus: str | None = None,
    view: str = "side",
) -> Figure:
    """Joints standing (or lying) on the floor, the anchor joint at `anchor_x`; looking down
    on the mat (SURFACE_VIEWS), the pelvis at a fixed height instead."""
    joints = place(a, spread=view in SPREAD_VIEWS)
    floor = joints["pelvis"][1] - SURFACE_HEIGHT[view] if view in SURFACE_VIEWS else lowest(joints)
    dx = anchor_x - joints[anchor][0]
    moved = {name: (x + dx, y - floor) for name, (x, y) in joints.items()}
    return Figure(moved, a["curve"], focus, a["curve_at"], a["head"], a["torso"])


def blend(first: dict[str, float], second: dict[str, float], t: float) -> dict[str, float]:
    """Angles part-way (0..1) between two frames, eased so a movement starts and ends softly,
    always turning the short way round."""
    eased = (1 - math.cos(math.pi * t)) / 2
    out = {}
    for name, start in first.items():
        if name in LINEAR:
            out[name] = start + (second[name] - start) * eased
            continue
        turn = (second[name] - start + 180) % 360 - 180
        out[name] = start + turn * eased
    return out


def key_angles(pose: Pose) -> list[dict[str, float]]:
    return [angles(frame) for frame in pose.frames]


def loop(pose: Pose, steps: int) -> list[tuple[dict[str, float], str | None]]:
    """An animation through the key frames and back, `steps` frames per move; each frame with
    the focus of the key frame it is nearest to."""
    keys = list(zip(key_angles(pose), (frame.focus for frame in pose.frames), strict=True))
    path = keys + keys[-2:0:-1]
    frames: list[tuple[dict[str, float], str | None]] = []
    for index, (start, focus) in enumerate(path):
        end, next_focus = path[(index + 1) % len(path)]
        for s in range(steps):
            frames.append((blend(start, end, s / steps), focus if s < steps / 2 else next_focus))
    return frames
