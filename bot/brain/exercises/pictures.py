"""The picture of an exercise or variation, from its pose in knowledge/poses.yaml.

The key carries a digest of the pose, so an edited pose is drawn and uploaded anew while an
unchanged one reuses the face's cached upload.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from bot.content.loader import Content
from bot.content.poses import Pose
from bot.model.reply import Picture

Which = Literal["standard", "easier", "harder"]
WHICH: tuple[Which, ...] = ("standard", "easier", "harder")


def pose_of(content: Content, exercise_id: str, which: Which = "standard") -> Pose:
    return getattr(content.poses[exercise_id], which)


def _key(exercise_id: str, which: str, pose: Pose, kind: str) -> str:
    digest = hashlib.sha256(pose.model_dump_json().encode()).hexdigest()[:10]
    return f"{kind}:{exercise_id}.{which}:{digest}"


_made: dict[tuple[int, str, str, str], tuple[Pose, Picture]] = {}
"""Pictures by pose object: content is immutable, so a card reuses its picture as is."""


def _picture(exercise_id: str, which: str, pose: Pose, kind: str) -> Picture:
    slot = (id(pose), exercise_id, which, kind)
    known = _made.get(slot)
    if known is not None and known[0] is pose:
        return known[1]
    # Pillow loads with the first picture, not at start-up: a bot may run for hours without one.
    from bot.drawing.exercise_pictures import animation, still

    picture = Picture(
        key=_key(exercise_id, which, pose, kind),
        filename=f"{exercise_id}-{which}.{kind}",
        data=animation(pose) if kind == "gif" else still(pose),
        animated=kind == "gif",
    )
    _made[slot] = (pose, picture)
    return picture


def exercise_animation(content: Content, exercise_id: str, which: Which = "standard") -> Picture:
    """The looping animation shown with a card."""
    return _picture(exercise_id, which, pose_of(content, exercise_id, which), "gif")


def exercise_still(content: Content, exercise_id: str, which: Which = "standard") -> Picture:
    """Start and end side by side, for paper (the guide) and for the pictures command."""
    return _picture(exercise_id, which, pose_of(content, exercise_id, which), "png")
