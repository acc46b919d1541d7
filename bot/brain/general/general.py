"""Greeting, help, the main menu, small talk and feedback."""

from __future__ import annotations

from collections.abc import Callable

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.language.text import normalize
from bot.model.records import Feedback
from bot.model.reply import Reply, para
from bot.model.user import UserState

_PRECEDENCE = ("goodbye", "thanks", "greeting")
_MOST_WORDS = 12
"""Longer than this, a message is more than small talk."""


class General:
    def __init__(self, services: Services, first_question: Callable[[UserState], Reply | None]):
        self.s = services
        self._first_question = first_question
        """The onboarding question for a user who has not answered it yet (from the profile)."""
        messages = services.content.messages
        self.general = messages.general
        triggers = messages.smalltalk
        self._smalltalk = {
            **{normalize(t): "greeting" for t in triggers.greeting},
            **{normalize(t): "thanks" for t in triggers.thanks},
            **{normalize(t): "goodbye" for t in triggers.goodbye},
        }

    def routes(self) -> Routes:
        return Routes(
            commands={"start": self.start, "help": self.help, "menu": self.menu},
            actions={
                "menu": self.menu,
                "help": self.help,
                "rephrase": self.rephrase,
                "nothelpful": self.not_helpful,
            },
        )

    async def start(self, turn: Turn) -> Reply:
        """Welcome, disclaimer and the main menu; then the first onboarding question, if due."""
        question = self._first_question(turn.state)
        return Reply(
            "command",
            (para(self.general.welcome), para(self.general.disclaimer)),
            buttons=self.s.menu_buttons(),
            extra=(question,) if question else (),
        )

    async def help(self, turn: Turn) -> Reply:
        return self.s.menu_reply("command", self.general.help)

    async def menu(self, turn: Turn) -> Reply:
        return self.s.menu_reply("command", self.general.menu_intro)

    async def rephrase(self, turn: Turn) -> Reply:
        return Reply("clarify", (para(self.general.rephrase),))

    async def not_helpful(self, turn: Turn) -> Reply:
        if turn.arg in self.s.content.faq:
            turn.state.feedback.append(Feedback(turn.arg, helpful=False, at=turn.now))
        return self.s.menu_reply("command", self.general.feedback_thanks)

    def smalltalk(self, text: str) -> Reply | None:
        """A reply to "hi", "thanks" or "bye", or None when the message is more than that.
        A message made only of such pieces ("thanks for everything, bye") counts too; a
        goodbye in it wins over thanks, thanks over a greeting."""
        words = normalize(text).split()
        if not words or len(words) > _MOST_WORDS:
            return None
        categories = self._pieces(words)
        if not categories:
            return None
        category = min(categories, key=_PRECEDENCE.index)
        return self.s.menu_reply("smalltalk", getattr(self.general, category), id=category)

    def _pieces(self, words: list[str]) -> set[str] | None:
        """The categories of small-talk phrases that together make up the words, or None when
        some words are not small talk. Longest phrase first at each position (few words)."""
        found: set[str] = set()
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):
                category = self._smalltalk.get(" ".join(words[start:end]))
                if category is not None:
                    found.add(category)
                    start = end
                    break
            else:
                return None
        return found

    def unknown_command(self) -> Reply:
        return self.s.menu_reply(
            "command", f"{self.general.unknown_command}\n\n{self.general.help}"
        )

    def expired(self) -> Reply:
        return self.s.menu_reply("command", self.general.button_expired)
