"""The pictures people found hard to read, checked for what makes each one recognisable:
a clamshell opens with the feet together, knee rolls go to both sides, a pelvic tilt starts
from a hollow under the lower back that is then pressed flat, I-Y-T raises spell their letters,
the bird-dog's elbow meets the opposite knee, and the parts that move stand out in colour."""

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
    """Seen from the front and a little above, lying on the side: the top knee rises above
    the bottom one."""
    start, end = ends(content, "side_leg_raise", "easier")
    assert math.dist(start["knee"], start["far_knee"]) < TOGETHER  # closed: knees stacked
    assert math.dist(end["ankle"], end["far_ankle"]) < TOGETHER  # feet stay touching
    assert end["knee"][1] - end["far_knee"][1] > 0.15  # the top knee has opened like a shell
    for joints in (start, end):  # knees bent: the bottom knee sits well in front of (below,
        # seen slant) the line from the hip to the foot, which lies along the body
        hip_to_foot = min(joints["far_hip"][1], joints["far_ankle"][1])
        assert joints["far_knee"][1] < hip_to_foot - 0.08
        assert joints["far_ankle"][0] > joints["far_knee"][0] > joints["far_hip"][0]


def test_knee_rolls_show_the_knees_down_to_one_side_and_then_the_other(content):
    """Seen from the feet end: both knees lie to one side of the pelvis, then stand up over
    it, then both lie to the other side."""
    for which in ("standard", "easier", "harder"):
        pose = pose_of(content, "knee_rolls", which)
        assert pose.view == "feet", which
        start, middle, end = (place(a) for a in key_angles(pose))
        for joints, side in ((start, 1), (end, -1)):
            assert joints["knee"][0] * side > 0.05 and joints["far_knee"][0] * side > 0.05, which
        for knee in ("knee", "far_knee"):  # up: above the pelvis, higher than when rolled
            assert middle[knee][1] > max(start[knee][1], end[knee][1]) + 0.02, which


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
            drawn = [i for i, v in enumerate(column) if v < 200]  # not paper, not the faint start
            if drawn:
                deepest = max(deepest, len(column) - 1 - drawn[-1])
        return deepest

    arched, flat = hollow(start, 0), hollow(end, PANEL_W)
    assert arched >= flat + 8, f"no hollow under the lower back at the start ({arched} px)"
    assert flat <= 8, "the end position presses the back flat"


def test_i_y_t_raises_spell_i_then_y_then_t_from_above(content):
    """The arms' angle from the line of the body, each side: along it, half out, straight out."""
    pose = pose_of(content, "iyt_raise", "standard")
    assert pose.view == "above"
    letters = []
    for a in key_angles(pose):
        spread = [abs((a[arm] - a["torso"] + 180) % 360 - 180) for arm in ("arm", "far_arm")]
        letters.append(spread)
    (i_near, i_far), (y_near, y_far), (t_near, t_far) = letters
    assert i_near < 15 and i_far < 15
    assert 30 < y_near < 60 and 30 < y_far < 60
    assert 80 < t_near < 100 and 80 < t_far < 100


def test_the_harder_bird_dog_brings_the_elbow_to_the_opposite_knee(content):
    keys = key_angles(pose_of(content, "bird_dog", "harder"))
    reached, tucked = place(keys[1]), place(keys[-1])
    assert reached["hand"][0] - reached["neck"][0] > 0.25  # the arm reaches forward first
    assert reached["far_ankle"][0] < -0.3  # and the opposite leg back
    assert math.dist(tucked["elbow"], tucked["far_knee"]) < 0.08  # then they meet underneath


def test_the_moving_limb_is_drawn_in_its_own_colour_and_the_still_limbs_are_not(content):
    """In a dead bug's end position, the reaching arm and leg are orange, the others blue."""
    from bot.drawing.canvas import PALETTE

    pose = pose_of(content, "dead_bug", "standard")
    image = Image.open(io.BytesIO(exercise_still(content, "dead_bug").data)).convert("RGB")
    sweep = _figures(pose, loop(pose, STEPS_PER_MOVE))
    end = _figures(pose, [(key_angles(pose)[-1], None)])[0]
    view = _view(sweep, 1, PANEL_W)

    def colour_at(joint_a: str, joint_b: str):
        (xa, ya), (xb, yb) = end[joint_a], end[joint_b]
        return image.getpixel(tuple(round(v) for v in view.px(((xa + xb) / 2, (ya + yb) / 2))))

    def near(colour, name: str) -> bool:
        return sum(abs(c - p) for c, p in zip(colour, PALETTE[name], strict=True)) < 60

    assert near(colour_at("elbow", "hand"), "move")  # the near arm reaches overhead
    assert near(colour_at("far_knee", "far_ankle"), "move_far")  # the far leg straightens
    assert near(colour_at("knee", "ankle"), "near")  # the near leg stays in the air, still


def test_the_pelvic_tilt_shows_which_way_the_pelvis_rolls(content):
    """Over the pelvis in the end panel, a curved red arrow (the tilt); without the pose's turn
    there is none, so the arrow comes from the content, not from the back's change."""
    from bot.drawing.canvas import PALETTE
    from bot.drawing.exercise_pictures import still

    pose = pose_of(content, "pelvic_tilt", "easier")
    sweep = _figures(pose, loop(pose, STEPS_PER_MOVE))
    end = _figures(pose, [(key_angles(pose)[-1], None)])[0]
    x, y = _view(sweep, 1, PANEL_W).px(end["pelvis"])

    def red_over_pelvis(data: bytes) -> int:
        image = Image.open(io.BytesIO(data)).convert("RGB")
        box = image.crop((round(x) - 30, round(y) - 32, round(x) + 30, round(y) - 8))
        red = PALETTE["path"]
        return sum(
            1
            for pixel in box.get_flattened_data()
            if sum(abs(c - r) for c, r in zip(pixel, red, strict=True)) < 60
        )

    unturned = pose.model_copy(
        update={"frames": [f.model_copy(update={"turn": None}) for f in pose.frames]}
    )
    assert red_over_pelvis(still(pose)) > 40
    assert red_over_pelvis(still(unturned)) < 5
