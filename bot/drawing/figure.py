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
LIMB_RADIUS = 0.03
"""Half a limb's thickness: a lying figure's centre line sits this far above the mat."""

Point = tuple[float, float]


ABOVE_HEIGHT = 0.5
"""Seen from above, the pelvis sits this high in the panel (the mat fills the panel)."""
BELLY = 0.4
"""The belly's place along the torso, from the pelvis."""


@dataclass(frozen=True)
class Figure:
    """Joint positions (metres-ish, y up) with the lowest point on the floor at y = 0."""

    joints: dict[str, Point]
    curve: float = 0.0
    focus: str | None = None
    curve_at: float = 0.5

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
    return {
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


def place(a: dict[str, float]) -> dict[str, Point]:
    """Joints with the pelvis at the origin."""
    j: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    j["neck"] = _step(j["pelvis"], a["torso"], TORSO)
    j["belly"] = _step(j["pelvis"], a["torso"], TORSO * BELLY)
    j["head"] = _step(j["neck"], a["head"], NECK_TO_HEAD)
    for side in ("", "far_"):
        j[f"{side}elbow"] = _step(j["neck"], a[f"{side}arm"], UPPER_ARM)
        j[f"{side}hand"] = _step(j[f"{side}elbow"], a[f"{side}forearm"], FOREARM)
        j[f"{side}knee"] = _step(j["pelvis"], a[f"{side}thigh"], THIGH)
        j[f"{side}ankle"] = _step(j[f"{side}knee"], a[f"{side}shin"], SHIN)
        j[f"{side}toe"] = _step(j[f"{side}ankle"], a[f"{side}foot"], FOOT)
    return j


def lowest(joints: dict[str, Point]) -> float:
    """The lowest point of the body's outline: a limb's edge or the bottom of the head."""
    bodies = min(y for name, (_, y) in joints.items() if name != "head") - LIMB_RADIUS
    return min(bodies, joints["head"][1] - HEAD_RADIUS)


def figure(
    a: dict[str, float], anchor: str, anchor_x: float, focus: str | None = None, above=False
) -> Figure:
    """Joints standing (or lying) on the floor, the anchor joint at `anchor_x`; seen from
    above, the pelvis at a fixed height instead."""
    joints = place(a)
    floor = joints["pelvis"][1] - ABOVE_HEIGHT if above else lowest(joints)
    dx = anchor_x - joints[anchor][0]
    moved = {name: (x + dx, y - floor) for name, (x, y) in joints.items()}
    return Figure(moved, a["curve"], focus, a["curve_at"])


def blend(first: dict[str, float], second: dict[str, float], t: float) -> dict[str, float]:
    """Angles part-way (0..1) between two frames, eased so a movement starts and ends softly,
    always turning the short way round."""
    eased = (1 - math.cos(math.pi * t)) / 2
    out = {}
    for name, start in first.items():
        if name in ("curve", "curve_at"):
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
