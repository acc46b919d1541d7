"""The pictures people found hard to read, checked for what makes each one recognisable:
a clamshell opens with the feet together, knee rolls go to both sides, and a pelvic tilt starts
from a hollow under the lower back that is then pressed flat."""

from __future__ import annotations

import io
import math

from PIL import Image

from bot.brain.exercises.pictures import exercise_still, pose_of
from bot.drawing.canvas import FLOOR, PANEL_W
from bot.drawing.exercise_pictures import STEPS_PER_MOVE, _figures, _view
from bot.drawing.figure import key_angles, loop, place

TOGETHER = 0.03
"""Feet closer than this (body heights) touch."""


def ends(content, exercise_id: str, which: str):
    """The first and last key positions' joints, pelvis at the origin."""
    keys = key_angles(pose_of(content, exercise_id, which))
    return place(keys[0]), place(keys[-1])


def test_the_clamshell_opens_the_top_knee_with_the_feet_together(content):
    start, end = ends(content, "side_leg_raise", "easier")
    assert math.dist(start["knee"], start["far_knee"]) < TOGETHER  # closed: knees stacked
    assert math.dist(end["ankle"], end["far_ankle"]) < TOGETHER  # feet stay touching
    assert end["knee"][1] > 0 > end["far_knee"][1]  # the top knee has opened like a shell
    assert start["knee"][1] < 0 and end["knee"][0] > 0  # knees bent forward, not straight legs


def test_knee_rolls_show_the_knees_down_to_one_side_and_then_the_other(content):
    for which in ("standard", "easier"):
        start, end = ends(content, "knee_rolls", which)
        for joints, side in ((start, 1), (end, -1)):
            assert joints["knee"][1] * side > 0 and joints["far_knee"][1] * side > 0, which


def test_the_pelvic_tilt_starts_with_a_hollow_under_the_lower_back(content):
    """Between the shoulders and the hips, paper shows under the back at the start (nothing,
    not even an arm, fills the hollow) and not at the end, where the back is pressed flat."""
    pose = pose_of(content, "pelvic_tilt", "standard")
    image = Image.open(io.BytesIO(exercise_still(content, "pelvic_tilt").data)).convert("L")
    sweep = _figures(pose, loop(pose, STEPS_PER_MOVE))
    start, end = _figures(pose, [(key_angles(pose)[0], None), (key_angles(pose)[-1], None)])

    def hollow(fig, left: int) -> int:
        """The deepest paper gap (pixels) under the back, between the neck and the pelvis."""
        view = _view(sweep, 1, left)
        neck, pelvis = view.px(fig["neck"])[0], view.px(fig["pelvis"])[0]
        deepest = 0
        for x in range(round(min(neck, pelvis)) + 6, round(max(neck, pelvis)) - 6):
            column = [image.getpixel((x, y)) for y in range(FLOOR - 60, FLOOR - 1)]
            dark = [i for i, v in enumerate(column) if v < 120]
            if dark:
                deepest = max(deepest, len(column) - 1 - dark[-1])
        return deepest

    arched, flat = hollow(start, 0), hollow(end, PANEL_W)
    assert arched >= flat + 8, f"no hollow under the lower back at the start ({arched} px)"
    assert flat <= 8, "the end position presses the back flat"
