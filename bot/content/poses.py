"""knowledge/poses.yaml: how each exercise and variation looks, as key frames of a stick figure.

Shared by every language: a picture has no words. Each frame gives the direction of each body
part in degrees, seen from the side with the figure facing right: 0 points forward (right),
90 straight up, -90 straight down, 180 backwards. A part left out follows its partner (the far
arm moves with the near arm, the head with the torso), so a frame names only what it changes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from bot.content.base import Id, StrictModel
from bot.content.record import Field, field_validator, model_validator

Joint = Literal[
    "pelvis", "belly", "neck", "head", "elbow", "hand", "far_elbow", "far_hand",
    "knee", "ankle", "toe", "far_knee", "far_ankle", "far_toe",
]  # fmt: skip
Angle = float
Segment = Literal[
    "torso", "arm", "forearm", "far_arm", "far_forearm",
    "thigh", "shin", "foot", "far_thigh", "far_shin", "far_foot",
]  # fmt: skip
Shown = Annotated[float, Field(ge=0.1, le=1)]


class Turn(StrictModel):
    """A part that rotates about a joint more than any limb shows (the pelvis in a pelvic tilt):
    a curved arrow round the joint, seen as drawn (head to the left, say, for lying down)."""

    at: Joint
    way: Literal["clockwise", "anticlockwise"]


class Frame(StrictModel):
    """One key position, every angle in degrees."""

    torso: Angle
    head: Angle | None = None
    arm: Angle
    forearm: Angle | None = None
    far_arm: Angle | None = None
    far_forearm: Angle | None = None
    thigh: Angle
    shin: Angle | None = None
    far_thigh: Angle | None = None
    far_shin: Angle | None = None
    foot: Angle | None = None
    far_foot: Angle | None = None
    curve: float = Field(default=0, ge=-0.4, le=0.4)
    """How much the back bends, as a share of its length: positive bows to the left of the line
    from pelvis to neck (a cat's round back on all fours), negative to the right (a sway)."""
    curve_at: float = Field(default=0.5, ge=0.2, le=0.8)
    """Where along the back, from the pelvis, the bend is deepest: 0.3 for the hollow of the
    lower back (a pelvic tilt's starting arch), 0.5 for the whole back (a cat's)."""
    focus: Joint | None = None
    turn: Turn | None = None
    """A curved arrow round a joint, in the still's panel for this position: the way the part
    turned to get here."""
    """A ring where the work is felt when the movement barely shows (drawing in the belly)."""
    shorten: dict[Segment, Shown] = Field(default_factory=dict)
    """How much of a part's length shows when it points towards or away from the viewer
    (knees bent towards the viewer in a clamshell, arms out to the sides seen from the side)."""


class Prop(StrictModel):
    """Something beside the figure: a chair under the pelvis, a wall behind it, a weight in a
    hand, a band or towel between two joints, a block (bench, chair seat) under a joint."""

    kind: Literal["chair", "block", "wall", "weight", "band", "towel"]
    at: Joint = "pelvis"
    to: Joint | None = None
    """The other end of a band or towel; for a block, the other joint it reaches under (a bench
    under a knee and a hand)."""

    @model_validator(mode="after")
    def _two_ends(self) -> Prop:
        if self.kind in ("band", "towel") and self.to is None:
            raise ValueError(f"a {self.kind} needs both ends: give 'to' as well as 'at'")
        return self


class Pose(StrictModel):
    """One exercise or variation: the key frames in order (the loop plays them and back)."""

    frames: list[Frame] = Field(min_length=2, max_length=4)
    view: Literal["side", "above", "front", "slant", "feet"] = "side"
    """From above: for movements across the body (knee rolls, the T of I-Y-T) that a side
    view would hide; the figure then lies on the mat instead of standing on the floor. From the
    front: standing facing the viewer, shoulders and hips apart (arms making letters). Slant:
    from the front and a little above, looking down on the mat, so what is nearer the viewer
    is drawn lower: lying on one's side, bent knees show as a bend in front of the body (a
    clamshell) where a level view would draw them as one straight line. Feet: from the feet
    end and a little above, lying on the back: the trunk recedes up the panel (shorten it),
    shoulders and hips apart, bent knees stand up as a tent and fall to either side (knee
    rolls), where a view from above would hide how they stand."""
    face: Literal["profile", "viewer", "away"] = "profile"
    """Where the face is seen: in profile (a nose shows which way the figure faces), turned to
    the viewer (eyes: lying on one's side seen from the front, or on one's back from above), or
    away (the back of the head: face down seen from above)."""
    anchor: Joint = "pelvis"
    """The joint that stays in place between frames (the feet of a bridge, the hands of a plank)."""
    props: list[Prop] = Field(default_factory=list)


class ExercisePoses(StrictModel):
    standard: Pose
    easier: Pose
    harder: Pose


class PosesFile(StrictModel):
    poses: dict[Id, ExercisePoses] = Field(min_length=1)

    @field_validator("poses")
    @classmethod
    def _distinct(cls, poses: dict[str, ExercisePoses]) -> dict[str, ExercisePoses]:
        seen: dict[str, str] = {}
        for exercise_id, entry in poses.items():
            for which in ("standard", "easier", "harder"):
                key = getattr(entry, which).model_dump_json()
                name = f"{exercise_id}.{which}"
                if key in seen:
                    raise ValueError(f"{name} is drawn exactly like {seen[key]}: make it differ")
                seen[key] = name
        return poses
