"""Content is validated by pydantic but kept as light records: same values, same JSON, read-only,
and a start from the build cache does not load pydantic at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content import validation
from bot.content.loader import load_content
from bot.content.poses import Pose

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "knowledge", "en")


def test_each_pose_reads_as_pydantic_reads_it(content):
    for poses in content.poses.values():
        for which in ("standard", "easier", "harder"):
            pose = getattr(poses, which)
            text = pose.model_dump_json()
            checked = validation.model_for(Pose).model_validate_json(text)
            assert text == checked.model_dump_json()  # picture keys are digests of this text
            assert Pose.from_json(text) == pose


def test_content_cannot_be_changed_in_place(content):
    entry = next(iter(content.faq.values()))
    with pytest.raises(AttributeError):
        entry.answer = "something else"
    assert entry.model_copy(update={"answer": "other"}).answer == "other"
    assert entry.answer != "other"


def test_invalid_content_is_refused_with_pydantics_error(content):
    from pydantic import ValidationError

    raw = json.loads(next(iter(content.faq.values())).model_dump_json())
    raw["phrasings"] = raw["phrasings"][:2]
    with pytest.raises(ValidationError, match="at least 5 items"):
        type(next(iter(content.faq.values()))).model_validate(raw)


def test_a_start_from_the_build_cache_does_not_load_pydantic(tmp_path):
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bot.brain.build_cache import load_built_library\n"
        f"load_built_library(Path({str(ROOT / 'knowledge')!r}), Path({str(tmp_path)!r}))\n"
        "print('pydantic' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]  # the first builds (and validates), the second reads
