"""A SIGHUP content reload that edits the whole-message bank (safety_exemplars.yaml) is read by
the new brain: a message that reads like a newly added crisis exemplar gets the crisis check-in
with the crisis line, where before the reload it got none."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.brain.assistant import Assistant
from bot.content.loader import load_library
from bot.operations.metrics import Metrics
from bot.operations.observed import ObservedAssistant
from bot.operations.reload import reload_content

MESSAGE = "the lanterns along the quay went dark and so did the last of my reasons"
"""Words no rule or exemplar of the shipped bank reads as a crisis."""


async def test_a_reload_rebuilds_the_exemplar_bank(tmp_path, store, clock, config):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(Path("knowledge"), knowledge)
    observed = ObservedAssistant(
        Assistant(load_library(knowledge), store, clock, config), Metrics()
    )
    before = await observed.current.reply(60, MESSAGE, language_code="en")
    assert "116 123" not in before.text

    bank = knowledge / "en" / "safety_exemplars.yaml"
    text = bank.read_text(encoding="utf-8")
    added = f"      - {MESSAGE}\n      - the lanterns on the quay went dark, my last reasons too\n"
    bank.write_text(
        text.replace(
            "  - label: crisis\n    texts:\n", "  - label: crisis\n    texts:\n" + added, 1
        ),
        encoding="utf-8",
    )
    assert await reload_content(observed, knowledge, Metrics())

    after = await observed.current.reply(61, MESSAGE, language_code="en")
    assert "116 123" in after.text
