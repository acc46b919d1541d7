"""Free-text questions: FAQ answers with follow-ups, "did you mean" choices, honest fallbacks."""

from __future__ import annotations

from dataclasses import replace

from bot.brain.products import product_mention
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.language.commands import COMMAND_FOR, reminder_request
from bot.language.matching.decision import Decision, decide_message
from bot.language.summary_request import summary_request
from bot.language.text import normalize
from bot.model.records import Miss
from bot.model.reply import Action, Block, Button, Reply, para, rows, title

PAIN_CONCEPTS = ("pain", "hurt", "vondt")
"""The synonym groups (synonyms.yaml) that name pain in each language; a new language adds its
own here."""


class Faq:
    def __init__(self, services: Services, show_target, run_command):
        self.s = services
        self._show_target = show_target
        """Renders "exercise:…"/"goal:…" keys; provided by the assistant."""
        self._run_command = run_command
        """Runs a "command:…" key (free text asking for /session, /settings…) as if typed."""
        synonyms = services.content.synonyms
        self._pain_words = frozenset(
            normalize(word)
            for canonical in PAIN_CONCEPTS
            if canonical in synonyms
            for word in (canonical, *synonyms[canonical])
            if " " not in normalize(word)
        )
        self._intent_phrasings = {
            normalize(phrasing): intent.command
            for intent in services.content.intents.values()
            for phrasing in intent.phrasings
        }

    def routes(self) -> Routes:
        return Routes(actions={"faq": self.press_faq})

    async def press_faq(self, turn: Turn) -> Reply | None:
        return self.answer(turn, turn.arg) if turn.arg in self.s.content.faq else None

    def answer(self, turn: Turn, entry_id: str, score: float | None = None) -> Reply:
        content = self.s.content
        entry = content.faq[entry_id]
        blocks: list[Block] = [title(entry.question)]
        blocks += [para(part.strip()) for part in entry.answer.split("\n\n") if part.strip()]
        mention = product_mention(content, turn.state, entry.products, turn.now)
        if mention:
            blocks.append(mention)
        labels = content.messages.buttons
        related = [Button(content.faq[r].question, Action("faq", r)) for r in entry.related]
        footer = (
            Button(labels.not_helpful, Action("nothelpful", entry.id)),
            Button(labels.menu, Action("menu")),
        )
        return Reply(
            "faq",
            tuple(blocks),
            id=entry.id,
            score=score,
            buttons=(*rows(*related), footer),
            suggestions=tuple(entry.related),
        )

    async def respond(self, turn: Turn) -> Reply:
        """Answer, ask back, or say honestly that this is outside what the bot knows."""
        said = self._intent_phrasings.get(normalize(turn.text))
        if said is not None:  # "what can you do": all function words, yet a command word for word
            return await self._run_command(turn, said)
        if summary_request(turn.text) is not None:  # before reminders: "send me a weekly summary"
            return await self._run_command(turn, "summary", turn.text)
        request = reminder_request(turn.text)
        if request is not None:
            return await self._run_command(turn, COMMAND_FOR[request.action], turn.text)
        decisions = decide_message(self.s.matcher, turn.text)
        decision = decisions[0]
        if decision.outcome == "answer":
            return await self._answers(turn, decisions)
        self._remember_miss(turn, decision)
        if decision.outcome == "clarify":
            return self.clarify(decision)
        return self.s.menu_reply(
            "fallback", self.s.content.messages.general.fallback, score=decision.score
        )

    async def confident(self, turn: Turn) -> Reply | None:
        """The answer(s) to the message when the matcher is sure, else None (nothing logged)."""
        decisions = decide_message(self.s.matcher, turn.text)
        if decisions[0].outcome != "answer":
            return None
        if any(d.key and d.key.startswith("exercise:") for d in decisions):
            # "it hurts when I lie down and push my hips up": an exercise told by its movement
            # in a pain report is where the pain is, not a request for its card. The safety
            # advice stands alone (a named exercise is already read as the pain's context).
            return None
        return await self._answers(turn, decisions)

    def described_exercise(self, turn: Turn) -> str | None:
        """The name of the exercise a message that tells of pain describes by its movement
        ("it hurts on all fours, stretching out an arm and the other leg"). Also when a short
        alias in it names the exercise ("opposite leg"): the screen has already read that and
        found nothing, and such a message must get the check, not the exercise's card."""
        if not self._tells_of_pain(turn.text):
            return None
        decision = decide_message(self.s.matcher, turn.text)[0]
        if decision.outcome == "fallback" or not decision.key:
            return None
        kind, _, ident = decision.key.partition(":")
        exercise = self.s.content.exercises.get(ident) if kind == "exercise" else None
        return exercise.name if exercise else None

    def _tells_of_pain(self, text: str) -> bool:
        """A pain word of the content's language: the synonym groups of "pain", "hurt" (en) and
        "vondt" (nb) with their variants, read as the matcher reads them."""
        return not self._pain_words.isdisjoint(self.s.matcher.rewrite(text).split())

    async def _answers(self, turn: Turn, decisions: tuple[Decision, ...]) -> Reply:
        """The first answer, with any further ones (a second question) after it."""
        first, *more = [await self.show(turn, d.key, d.score) for d in decisions]
        return replace(first, extra=(*first.extra, *more)) if more else first

    async def show(self, turn: Turn, key: str, score: float | None = None) -> Reply:
        kind, _, ident = key.partition(":")
        if kind == "faq":
            return self.answer(turn, ident, score)
        if kind == "command":
            reply = await self._run_command(turn, ident)
        else:
            reply = self._show_target(turn, kind, ident)
        return replace(reply, score=score)

    def clarify(self, decision: Decision) -> Reply:
        labels = self.s.content.messages
        buttons = [Button(self.label(c.key), _action(c.key)) for c in decision.chosen]
        buttons.append(Button(labels.buttons.none_of_these, Action("rephrase")))
        return Reply(
            "clarify",
            (para(labels.general.clarify_intro),),
            score=decision.score,
            buttons=rows(*buttons),
            suggestions=tuple(c.key for c in decision.chosen),
        )

    def label(self, key: str) -> str:
        kind, _, ident = key.partition(":")
        content = self.s.content
        if kind == "faq":
            return content.faq[ident].question
        if kind == "exercise":
            return content.exercises[ident].name
        if kind == "command":
            return content.intents[ident].label
        return content.messages.buttons.goal_exercises.format(goal=content.goals[ident].name)

    def _remember_miss(self, turn: Turn, decision: Decision) -> None:
        best = decision.match.best
        turn.state.misses.append(  # written with the turn's save (see UserState)
            Miss(
                normalize(turn.text)[:300],
                decision.outcome,
                best.key if best else None,
                best.score if best else None,
                turn.now,
            )
        )


def _action(key: str) -> Action:
    kind, _, ident = key.partition(":")
    # A command's button runs the action of the same name ("session", "settings", ...).
    return Action(ident) if kind == "command" else Action(kind, ident)
