"""An overdose swallowed or a cut made is a poisoning or an injury first: the crisis reply's first
line leads with the emergency number, and still names the crisis line. Thoughts of an act not yet
done keep the crisis line first."""

from __future__ import annotations

import pytest


def _first_line(reply) -> str:
    return reply.text.splitlines()[0]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I took an overdose of pills"),
        ("en", "took 20 of my tramadol, i want it all to end"),
        ("en", "i have cut myself again, i cant go on"),
        ("nb", "jeg har tatt en overdose med piller"),
        ("nb", "har tatt alle pillene mine, vil bare dø"),
    ],
)
async def test_an_act_done_gets_the_emergency_number_first(bilingual, language, text):
    reply = await bilingual.reply(80, text, language_code=language)
    assert reply.severity == "crisis"
    first = _first_line(reply)
    assert first.index("113") < first.index("116 123")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I want to die"),
        ("en", "i want to swallow all my pills tonight"),
        ("en", "I keep thinking about an overdose"),
        ("nb", "jeg tenker på å ta en overdose"),
        ("nb", "jeg vil ikke leve lenger"),
    ],
)
async def test_thoughts_of_an_act_keep_the_crisis_line_first(bilingual, language, text):
    reply = await bilingual.reply(81, text, language_code=language)
    assert reply.severity == "crisis"
    first = _first_line(reply)
    assert first.index("116 123") < first.index("113")
