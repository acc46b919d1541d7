"""Goal and level: two questions after /start (skippable), and /settings to change them later."""

from __future__ import annotations

from datetime import datetime

from bot.brain.coach.sessions import DEFAULT_GOAL, DEFAULT_LEVEL
from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.records import LevelChange
from bot.model.reply import Action, Block, Button, Reply, bullets, para, rows, title
from bot.model.user import UserState
from bot.store import Store


async def ensure_user_row(store: Store, state: UserState, now: datetime) -> None:
    """Rows about a user reference the users table, which is written after the turn; a user
    whose very first update is a button press is saved here first."""
    if state.is_new:
        await store.users.save(state, now)


def change_level(state: UserState, level: str, reason: str, now: datetime) -> bool:
    """Set the level and remember when and why (the painless streak counts from here), written
    with the turn's save."""
    if level == state.level:
        return False
    state.level = level
    state.level_changes.append(LevelChange(level, reason, now))
    return True


class Profile:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.coach

    def routes(self) -> Routes:
        return Routes(
            commands={"settings": self.settings},
            actions={
                "settings": self.settings,
                "set_goal": self.set_goal,
                "set_level": self.set_level,
                "onboard_skip": self.skip,
            },
        )

    def first_question(self, state: UserState) -> Reply | None:
        """The goal question for someone who has not answered (or skipped) it yet."""
        return None if state.onboarded else self._goal_question(onboarding=True)

    async def settings(self, turn: Turn) -> Reply:
        content = self.s.content
        state = turn.state
        goal = content.goals.get(state.goal or DEFAULT_GOAL) or content.goals[DEFAULT_GOAL]
        level = content.levels.get(state.level) or content.levels[DEFAULT_LEVEL]
        body = self.texts.settings_body.format(
            goal=goal.name, level=level.name, summary=level.summary
        )
        return Reply(
            "command",
            (title(self.texts.settings_title), para(body)),
            buttons=(
                (
                    Button(self.texts.change_goal, Action("set_goal")),
                    Button(self.texts.change_level, Action("set_level")),
                ),
                (Button(content.messages.buttons.menu, Action("menu")),),
            ),
        )

    async def set_goal(self, turn: Turn) -> Reply | None:
        """No argument: ask. A goal id: save it, then ask the level if still onboarding."""
        state = turn.state
        if not turn.arg:
            return self._goal_question(onboarding=not state.onboarded)
        goal = self.s.content.goals.get(turn.arg)
        if goal is None:
            return None
        state.goal = goal.id
        if not state.onboarded:
            return self._level_question(
                onboarding=True, lead=self.texts.goal_saved.format(goal=goal.name)
            )
        return self._confirm(self.texts.goal_changed.format(goal=goal.name))

    async def set_level(self, turn: Turn) -> Reply | None:
        state = turn.state
        if not turn.arg:
            return self._level_question(onboarding=not state.onboarded)
        level = self.s.content.levels.get(turn.arg)
        if level is None:
            return None
        change_level(state, level.id, "chosen", turn.now)
        if not state.onboarded:
            state.onboarded = True
            state.goal = state.goal or DEFAULT_GOAL
            goal = self.s.content.goals[state.goal]
            return self._confirm(
                self.texts.onboarding_done.format(goal=goal.name, level=level.name)
            )
        return self._confirm(self.texts.level_changed.format(level=level.name))

    async def skip(self, turn: Turn) -> Reply:
        state = turn.state
        state.onboarded = True
        state.goal = state.goal or DEFAULT_GOAL
        content = self.s.content
        level = content.levels.get(state.level) or content.levels[DEFAULT_LEVEL]
        return self._confirm(
            self.texts.onboarding_skipped.format(
                goal=content.goals[state.goal].name, level=level.name
            )
        )

    def _goal_question(self, onboarding: bool) -> Reply:
        goals = self.s.content.goals.values()
        choices = [Button(goal.name, Action("set_goal", goal.id)) for goal in goals]
        lines = [f"{goal.name}: {goal.summary}" for goal in goals]
        blocks: list[Block] = [bullets(lines, self.texts.goal_question)]
        return self._question(blocks, choices, onboarding)

    def _level_question(self, onboarding: bool, lead: str = "") -> Reply:
        levels = self.s.content.levels.values()
        choices = [Button(level.name, Action("set_level", level.id)) for level in levels]
        lines = [f"{level.name}: {level.summary}" for level in levels]
        blocks: list[Block] = [para(lead)] if lead else []
        blocks.append(bullets(lines, self.texts.level_question))
        return self._question(blocks, choices, onboarding)

    def _question(self, blocks: list[Block], choices: list[Button], onboarding: bool) -> Reply:
        last = (
            Button(self.texts.skip, Action("onboard_skip"))
            if onboarding
            else Button(self.s.content.messages.buttons.menu, Action("menu"))
        )
        return Reply("command", tuple(blocks), buttons=(*rows(*choices), (last,)))

    def _confirm(self, text: str) -> Reply:
        buttons = self.s.content.messages.buttons
        return Reply(
            "command",
            (para(text),),
            buttons=(
                (Button(buttons.session, Action("session")),),
                (
                    Button(self.texts.settings, Action("settings")),
                    Button(buttons.menu, Action("menu")),
                ),
            ),
        )
