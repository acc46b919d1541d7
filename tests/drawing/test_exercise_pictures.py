"""Every exercise and variation is drawn from its pose: a still (start and end) and a looping
animation, each different from every other picture and from the empty mat."""

from __future__ import annotations

import io
from itertools import combinations

from PIL import Image, ImageChops

from bot.brain.exercises.pictures import WHICH, exercise_animation, exercise_still
from bot.content.poses import Frame, Pose
from bot.drawing.exercise_pictures import animation, still

STILL_FLOOR = 800
"""Pixels that must differ between two stills: more than a limb's tip moving a little."""
MOVEMENT_FLOOR = 1000
"""Pixels the body must change by, at the furthest point of a movement, for a stranger to see
the movement at all: a forearm lifted to shoulder height is about 750, a back pressed from a
deep hollow onto the floor about 1400."""


def pixels(data: bytes, frame: int = 0) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.seek(frame)
    return image.convert("L")


def differing(a: Image.Image, b: Image.Image) -> int:
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 40 else 0)
    return diff.histogram()[255]


def blank_still() -> Image.Image:
    """The mat with nobody on it: the same drawing with the figure painted in paper colour."""
    lying = Pose(frames=[Frame(torso=180, arm=0, thigh=0)] * 2)
    image = pixels(still(lying))
    mat = image.copy()
    mat.paste(255, (0, 0, mat.width, 200))  # everything above the mat line
    return mat


def test_every_exercise_and_variation_has_its_own_picture(content):
    stills = {}
    for exercise_id in content.exercises:
        for which in WHICH:
            picture = exercise_still(content, exercise_id, which)
            assert picture.data.startswith(b"\x89PNG")
            stills[f"{exercise_id}.{which}"] = pixels(picture.data)
    assert len(stills) == 3 * len(content.exercises)
    empty = blank_still()
    for name, image in stills.items():
        assert differing(image, empty) > STILL_FLOOR, f"{name} looks like an empty mat"
    for (one, a), (two, b) in combinations(stills.items(), 2):
        assert differing(a, b) > STILL_FLOOR, f"{one} and {two} look the same"


def test_every_animation_moves_and_loops(content):
    for exercise_id in content.exercises:
        for which in WHICH:
            picture = exercise_animation(content, exercise_id, which)
            image = Image.open(io.BytesIO(picture.data))
            assert image.format == "GIF" and image.info.get("loop") == 0
            start = pixels(picture.data, 0)
            change = max(
                differing(start, pixels(picture.data, n)) for n in range(1, image.n_frames)
            )
            assert change > 200, f"{exercise_id}.{which} does not move"


def test_the_same_pose_is_drawn_once_and_a_changed_pose_anew(content):
    pose = content.poses["plank"].standard
    assert animation(pose) is animation(pose), "cached"
    moved = pose.model_copy(update={"anchor": "ankle"})
    assert exercise_still(content, "plank").key != exercise_still(content, "bird_dog").key
    assert still(moved) != still(pose) or moved.anchor == pose.anchor


def test_every_movement_is_big_enough_to_see(content):
    """With the ring that marks where the work is felt left out, the body at the furthest point
    of the loop differs clearly from where it started: a movement too small to see (a back that
    barely flattens) would leave a still that looks like two copies of one pose. An exercise
    that keeps the body still on purpose (drawing the belly in) is shown by its ring alone."""
    for exercise_id in content.exercises:
        for which in WHICH:
            pose = getattr(content.poses[exercise_id], which)
            frames = [frame.model_copy(update={"focus": None}) for frame in pose.frames]
            if all(frame == frames[0] for frame in frames):
                continue
            data = animation(pose.model_copy(update={"frames": frames}))
            count = Image.open(io.BytesIO(data)).n_frames
            start = pixels(data, 0)
            change = max(differing(start, pixels(data, n)) for n in range(1, count))
            assert change > MOVEMENT_FLOOR, f"{exercise_id}.{which} barely moves ({change} px)"
