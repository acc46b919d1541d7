"""The crisis check-in: a near miss gets the crisis line and one direct question.

"no point anymore", "i think about death a lot", "i bought a rope today": words like these may
or may not mean someone is thinking of ending their life. The bot does not guess. It shows the
crisis line first, then asks directly (NICE NG225: asking does not raise the risk), with Yes /
No / I'm not sure buttons; a typed answer works too.

- Yes, not sure, or an answer it cannot read: the full crisis reply, recorded as an escalation.
  Leaning towards care costs a kind message; leaning away can cost a life.
- No: a warm word, the line stays on offer, and the conversation carries on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.content.safety_models import CrisisCheckIn
from bot.language.text import normalize
from bot.language.triage.triage import CRISIS_ID
from bot.model.reply import Action, Button, Reply, para, rows, warning

if TYPE_CHECKING:
    from bot.brain.routes import Turn
    from bot.brain.safety.safety import Safety

PENDING = "crisis_check"
YES, NO, UNSURE = "crisis_yes", "crisis_no", "crisis_unsure"


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    words = sorted({normalize(p) for p in phrases if normalize(p)}, key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\S)")


class CheckIn:
    def __init__(self, safety: Safety, texts: CrisisCheckIn):
        self.safety = safety
        self.texts = texts
        self._unsure = _pattern(texts.unsure_words)
        self._yes = _pattern(texts.yes_words)
        self._no = _pattern(texts.no_words)

    def ask(self, turn: Turn) -> Reply:
        """The crisis line first, then the direct question; the answer is awaited."""
        turn.state.pending = PENDING
        turn.state.pending_data = {}
        numbers = self.safety.numbers(turn.state, crisis=True)
        texts = self.texts
        return Reply(
            "clarify",
            (warning(texts.line.format(**numbers)), para(texts.question)),
            id="crisis_check",
            buttons=rows(
                Button(texts.yes_button, Action(YES)),
                Button(texts.no_button, Action(NO)),
                Button(texts.unsure_button, Action(UNSURE)),
            ),
        )

    def reading(self, text: str) -> str:
        """A typed answer as "yes", "no" or "unclear". Unsure counts as yes; a yes said after
        a no ("no... well sometimes") counts as yes."""
        words = normalize(text)
        if self._unsure.search(words):
            return "yes"
        rest = self._no.sub(" ", words)
        if self._yes.search(rest):
            return "yes"
        return "no" if rest != words else "unclear"

    async def typed(self, turn: Turn) -> Reply:
        turn.state.pending = None
        if self.reading(turn.text) == "no":
            return self._relieved(turn)
        return await self._crisis(turn, "check_in")

    async def pressed_yes(self, turn: Turn) -> Reply:
        turn.state.pending = None
        return await self._crisis(turn, "check_in")

    async def pressed_unsure(self, turn: Turn) -> Reply:
        turn.state.pending = None
        return await self._crisis(turn, "check_in")

    async def pressed_no(self, turn: Turn) -> Reply:
        turn.state.pending = None
        return self._relieved(turn)

    async def _crisis(self, turn: Turn, source: str) -> Reply:
        return await self.safety.escalate(turn, "crisis", (CRISIS_ID,), source)

    def _relieved(self, turn: Turn) -> Reply:
        numbers = self.safety.numbers(turn.state, crisis=True)
        return self.safety.s.menu_reply("command", self.texts.after_no.format(**numbers))
