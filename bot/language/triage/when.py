"""When a message's red flag happens: over and resolved, long ago, or someone else's now."""

from __future__ import annotations

from datetime import date

from bot.content.safety_models import SafetyCues
from bot.language.text import normalize
from bot.language.triage.cues import CueSet


class WhenReader:
    def __init__(self, cues: SafetyCues, negation_words: set[str]):
        self.resolved = CueSet(cues.resolved)
        self._long_ago = CueSet(cues.long_ago)
        self._now = CueSet(cues.other_now)
        self._negation_words = negation_words

    def said_over(self, words: list[str]) -> bool:
        """A `resolved` cue not itself denied ("fine now", but not "no better now")."""
        return any(
            not self._negation_words & set(words[max(0, start - 2) : start])
            for start, _ in self.resolved.find(words)
        )

    def told_as_over(self, raw: str, urgent: bool, history: bool, several: bool) -> bool:
        """The red flag is told as over: an urgent one resolved ("the infection cleared up"),
        an emergency resolved long ago ("cauda equina surgery in 2019, fully recovered"). A
        history flag (`history`) stays when the message reports something else as well
        (`several`: "chemo years ago, all clear since, now a new ache in my back"): the history
        is what makes the new pain urgent."""
        words = normalize(raw).split()
        if not self.resolved.find(words):
            return False
        if history and several:
            return False
        return urgent or self.long_ago(words)

    def long_ago(self, words: list[str]) -> bool:
        """ "five years ago", "last spring", or a year before this one ("in 2015")."""
        if self._long_ago.find(words):
            return True
        this_year = date.today().year  # read here: a process runs across New Year
        return any(w.isdigit() and len(w) == 4 and 1950 <= int(w) < this_year for w in words)

    def happening_now(self, text: str) -> bool:
        """Someone else's red flag is happening now ("just fell", "tonight", "what do i do"),
        and the message does not say it is over."""
        words = normalize(text).split()
        return bool(self._now.find(words)) and not self.resolved.find(words)
