"""Safety escalation: every message is screened first; pain reports get the right tier's advice.

Tiers come from <lang>/safety.yaml. Emergency and urgent replies put the user on hold: the bot
stops suggesting exercises until they say a professional has cleared them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.brain.routes import Routes, Turn
from bot.brain.safety.check_in import NO, PENDING, UNSURE, YES, CheckIn
from bot.brain.safety.pain_questions import AskedPain, PainQuestions
from bot.brain.services import Services
from bot.language import sentences
from bot.language.matching.decision import decide_message
from bot.language.regions import country_of
from bot.language.text import normalize
from bot.language.triage.cues import CueSet
from bot.language.triage.neighbours import Neighbours
from bot.language.triage.triage import TriageResult
from bot.language.triage.whole_message import CRISIS, detector_for
from bot.model.escalation import Escalation
from bot.model.reply import Action, Block, Button, Reply, bullets, para, rows, warning
from bot.model.tiers import HOLD_TIERS
from bot.model.user import UserState

RATINGS = range(11)

AnswerFirst = Callable[[], Awaitable[Reply | None]]
"""The confident answer to the question in the message, if there is one."""
AnswerEntry = Callable[[Turn, str], Reply]
"""The answer of one FAQ entry, by id."""


class Safety:
    def __init__(self, services: Services, answer_entry: AnswerEntry):
        self.s = services
        self.rules = {rule.id: rule for rule in services.content.safety.rules}
        self._answer_entry = answer_entry
        self._pain_questions = PainQuestions(
            services.content.safety.rules, services.content.safety.cues
        )
        self.texts = services.content.messages.safety
        net = services.content.safety.net
        built = services.safety_net
        self.neighbours = built if built is not None else Neighbours(net)
        content = services.content
        self.whole_message = services.whole_message or detector_for(
            content.source.resolve() / content.language
        )
        check = services.content.safety.crisis.check_in
        self.check_in = CheckIn(self, check) if check is not None else None
        self._body_words = CueSet(net.body_words)
        cues = services.content.safety.cues
        self._asks_information = CueSet(cues.asks_information)
        self._says_well = CueSet(cues.says_well)
        self._unserved = frozenset(normalize(w) for w in net.unserved_language_words)
        self._language_words = frozenset(
            w for p in net.language_words for w in normalize(p).split()
        )
        self._exercise_names = sorted(
            (
                (f" {normalize(name)} ", exercise.id)
                for exercise in services.content.exercises.values()
                for name in (exercise.name, *exercise.aliases)
            ),
            key=lambda pair: -len(pair[0]),
        )

    def routes(self) -> Routes:
        return Routes(
            commands={"pain": self.pain_check},
            actions={
                "pain": self.pain_check,
                "pain_rate": self.rate_pressed,
                "pain_yes": self.check_yes,
                "pain_no": self.check_no,
                "screen_yes": self.screen_yes,
                "screen_no": self.screen_no,
                "safety_yes": self.clarify_yes,
                "safety_no": self.clarify_no,
                "cleared": self.cleared,
                **(
                    {
                        YES: self.check_in.pressed_yes,
                        NO: self.check_in.pressed_no,
                        UNSURE: self.check_in.pressed_unsure,
                    }
                    if self.check_in
                    else {}
                ),
            },
            pending={
                "pain_rating": self.rate_typed,
                **({PENDING: self.check_in.typed} if self.check_in else {}),
            },
        )

    # -- screening free text ----------------------------------------------------------------------

    async def screen(self, turn: Turn, answer_first: AnswerFirst | None = None) -> Reply | None:
        """A safety reply if the message reports something that needs one, else None.

        `answer_first` gives the confident answer to a question in the message, if any: everyday
        pain told as the context of a clear question gets the answer first, then the advice."""
        result = self.s.assess(turn.text)
        if result.tier == "crisis":
            return await self.escalate(
                turn, "crisis", result.rule_ids, "message", other=result.about_other
            )
        if (
            self.check_in is not None
            and result.tier not in HOLD_TIERS
            and turn.state.pending != PENDING
            and self.s.triage.crisis.check_in(turn.text)
        ):
            # Hopelessness or death words, no clear statement: ask directly, line shown first.
            return self.check_in.ask(turn)
        raised = self._whole_message(turn.text, result)
        if CRISIS in raised and self.check_in is not None and turn.state.pending != PENDING:
            # The whole message reads like a crisis though no phrase lined up: ask directly.
            return self.check_in.ask(turn)
        if result.tier in HOLD_TIERS and self._informational(turn.text):
            # "What are the warning signs? I'm fine myself, just curious": the information, no
            # alarm.
            return self._inform_about_other(turn.state, result)
        if result.tier and result.about_other:
            if result.other_person and self.s.triage.happening_now(turn.text):
                return await self.escalate(
                    turn, result.tier, result.rule_ids, "message", other=True
                )
            return self._inform_about_other(turn.state, result)
        unclear = list(result.clarify_rules)
        if result.clarify_rule and result.clarify_rule not in unclear:
            # A red flag told as over ("treated, all clear now"): still worth its question.
            unclear.append(result.clarify_rule)
        if result.tier not in HOLD_TIERS:
            # The second detector can only add screening questions, never set or lower a tier.
            fired = set(result.rule_ids)
            unclear += [
                rule
                for rule, _ in self.neighbours.nearest(turn.text)
                if rule not in fired and rule not in unclear and self.rules[rule].tier in HOLD_TIERS
            ]
            unclear += [rule for rule in raised if rule in self.rules and rule not in unclear]
        asked = None if unclear else self._asked_pain(turn.text, result)
        if asked is not None:
            return await self._answer_pain_question(turn, asked, answer_first)
        if result.tier and not unclear and answer_first is not None:
            answered = await self._answered_with_advice(turn, result, answer_first)
            if answered is not None:
                return answered
        if result.tier:
            reply = await self.escalate(turn, result.tier, result.rule_ids, "message")
            if unclear and result.tier not in HOLD_TIERS:
                # Pain advice first, then the possible red flags as their own yes/no questions.
                reply = replace(reply, extra=(self._screen(turn, unclear),))
            return reply
        if len(unclear) == 1 and unclear[0] == result.clarify_rule:
            return self._ask_yes_no(unclear[0])
        if unclear:
            return self._screen(turn, unclear)
        return None

    def _whole_message(self, text: str, result: TriageResult) -> tuple[str, ...]:
        """What the whole-message detector raises: only below a red-flag tier, and never a
        rule the rule engine already fired."""
        if self.whole_message is None or result.tier in HOLD_TIERS or result.tier == "crisis":
            return ()
        raised = self._with_learned(text, self.whole_message.raised(text), result)
        if CRISIS in raised and self._understood_request(text):
            # "how to do bent over rows" shares letters with "a rope": the matcher knows it for
            # a request, no crisis rule read anything in it, and the check-in would replace
            # the answer. A red flag's question comes after the advice, so it stays.
            raised = tuple(label for label in raised if label != CRISIS)
        fired = set(result.rule_ids)
        # Pain placed in an exercise reads like many urgent exemplars ("sharp", "worse"): there
        # only a crisis or an emergency is worth interrupting the stop advice for.
        wanted = {"emergency"} if result.tier in ("stop", "soreness") else set(HOLD_TIERS)
        return tuple(
            label
            for label in raised
            if label == CRISIS
            or (label in self.rules and label not in fired and self.rules[label].tier in wanted)
        )

    def _with_learned(
        self, text: str, raised: tuple[str, ...], result: TriageResult
    ) -> tuple[str, ...]:
        """The exemplar bank's labels and the learned screen's votes, as separate votes: its
        crisis adds the check-in; its emergency or urgent, when the bank named no rule of that
        tier, adds the question of the tier's rule nearest the message, and an emergency the
        short screening check too (the learned screen names a tier, not which sign it read)."""
        detector = self.whole_message
        votes = detector.learned_raises(text) if detector is not None else ()
        found = list(raised)
        if CRISIS in votes and CRISIS not in found:
            found.append(CRISIS)
        fired = set(result.rule_ids)
        for tier in ("emergency", "urgent"):
            named = any(label in self.rules and self.rules[label].tier == tier for label in found)
            if tier not in votes or named:
                continue
            rules = [r for r, rule in self.rules.items() if rule.tier == tier and r not in fired]
            nearest = detector.closest(text, rules) if detector is not None else None
            if nearest is not None:
                found.append(nearest)
            if tier == "emergency":
                check = self.s.content.safety.net.check
                found += [r for r in check if r not in found and r not in fired]
        return tuple(found)

    def _understood_request(self, text: str) -> bool:
        """One sentence the matcher answers with confidence: an FAQ or exercise request."""
        if len(sentences.split(text)) > 1:
            return False
        return decide_message(self.s.matcher, text)[0].outcome == "answer"

    async def _answered_with_advice(
        self, turn: Turn, result: TriageResult, answer_first: AnswerFirst
    ) -> Reply | None:
        """ "My back aches in the evenings; are the routines okay in pregnancy?": the answer, then
        the everyday-pain advice. Pain named in an exercise keeps its stop advice first, and pain
        outside one gets the everyday advice, never "stop this exercise"."""
        tier, rule_ids = result.tier, result.rule_ids
        outside_exercise = tier == "stop" and not self.s.triage.names_exercise(turn.text)
        if tier != "daily_pain" and not outside_exercise:
            return None
        answer = await answer_first()
        if answer is None:
            return None
        if tier == "stop":
            tier, rule_ids = "daily_pain", tuple(r for r in (self.s.triage.daily_rule,) if r)
        advice = await self.escalate(turn, tier, rule_ids, "message")
        return replace(answer, extra=(*answer.extra, advice))

    def _asked_pain(self, text: str, result: TriageResult) -> AskedPain | None:
        """The pain rule the message only asks about; None when it reports any pain or flag."""
        if result.tier in HOLD_TIERS:
            return None
        asked = self._pain_questions.asked(text)
        if asked is None or not set(result.rule_ids) <= {asked.rule, self.s.triage.daily_rule}:
            return None
        return asked

    async def _answer_pain_question(
        self, turn: Turn, asked: AskedPain, answer_first: AnswerFirst | None
    ) -> Reply:
        """ "How often should I train when my back hurts?" gets its FAQ answer; a question only
        about the pain ("what if the plank hurts?") gets the rule's own FAQ entry."""
        answer = await answer_first() if answer_first is not None else None
        if answer is not None and answer.kind == "faq":
            return answer
        return self._answer_entry(turn, asked.entry)

    # -- the screening conversation: one question per signal, no reassurance before the last --

    def _informational(self, text: str) -> bool:
        """A general question about warning signs from someone who says they are well."""
        words = normalize(text).split()
        return bool(self._asks_information.find(words)) and bool(self._says_well.find(words))

    def _screen(self, turn: Turn, rule_ids: list[str], intro: str | None = None) -> Reply:
        turn.state.pending_data = {"screen": list(rule_ids)}
        return self._screen_question(rule_ids[0], intro or self.texts.clarify_intro)

    def _screen_question(self, rule_id: str, intro: str) -> Reply:
        labels = self.s.content.messages.buttons
        return Reply(
            "clarify",
            (para(intro), para(self.rules[rule_id].question)),
            id=rule_id,
            buttons=(
                (
                    Button(labels.yes, Action("screen_yes", rule_id)),
                    Button(labels.no, Action("screen_no", rule_id)),
                ),
            ),
        )

    def _screen_left(self, turn: Turn) -> list[str] | None:
        left = turn.state.pending_data.get("screen")
        if not isinstance(left, list) or turn.arg not in left or turn.arg not in self.rules:
            return None
        return left

    async def screen_yes(self, turn: Turn) -> Reply | None:
        if self._screen_left(turn) is None:
            return None
        turn.state.pending_data = {}
        rule = self.rules[turn.arg]
        return await self.escalate(turn, rule.tier, (rule.id,), "question")

    async def screen_no(self, turn: Turn) -> Reply | None:
        left = self._screen_left(turn)
        if left is None:
            return None
        rest = left[left.index(turn.arg) + 1 :]
        if rest:
            turn.state.pending_data = {"screen": rest}
            return self._screen_question(rest[0], self.texts.next_question)
        turn.state.pending_data = {}
        return self.s.menu_reply("command", self.texts.no_flag)

    def net(self, turn: Turn, fallback: Reply) -> Reply:
        """The last line: a message about the body that nothing understood gets the short
        screening check; one in a language the bot does not speak gets the emergency line."""
        words = normalize(turn.text).split()
        if self._foreign(turn.text):
            return replace(
                fallback, blocks=(warning(self.texts.unknown_language), *fallback.blocks)
            )
        if self._body_words.find(words):
            check = self._screen(turn, list(self.s.content.safety.net.check), self.texts.net_intro)
            if self._unserved & set(words):
                return replace(check, blocks=(warning(self.texts.unknown_language), *check.blocks))
            return check
        if self._unserved & set(words):
            return replace(
                fallback, blocks=(warning(self.texts.unknown_language), *fallback.blocks)
            )
        return fallback

    def _foreign(self, text: str) -> bool:
        """Another script, or hardly a word of English or Norwegian."""
        if any(ord(ch) > 0x24F and ch.isalpha() for ch in text):
            return True
        latin = [w for w in normalize(text).split() if w.isalpha() and len(w) > 1]
        if len(latin) < 3:
            return False
        known = sum(w in self._language_words for w in latin)
        return known / len(latin) < 0.2

    def exercise_mentioned(self, text: str) -> str | None:
        padded = f" {normalize(text)} "
        for name, exercise_id in self._exercise_names:
            if name in padded:
                return exercise_id
        return None

    async def escalate(
        self,
        turn: Turn,
        tier: str,
        rule_ids: tuple[str, ...],
        source: str,
        exercise_id=None,
        other: bool = False,
    ) -> Reply:
        """The tier's message first, then what was recognised; recorded for the operator.

        `other`: it is happening to someone else now, so the first line says to call for them."""
        content = self.s.content
        message = content.safety.tiers[tier]
        numbers = self.numbers(turn.state, crisis=tier == "crisis")
        blocks: list[Block] = []
        if other:
            lead = self.texts.crisis_for_them if tier == "crisis" else self.texts.call_for_them
            blocks.append(warning(lead.format(**numbers)))
        title = message.title
        if tier == "crisis" and not other and self.s.triage.crisis.taken(turn.text):
            # An overdose swallowed or a cut made is a poisoning or an injury first.
            title = self.texts.crisis_taken
        if not (other and tier == "crisis"):
            blocks += [
                warning(title.format(**numbers)) if not other else para(title.format(**numbers)),
                bullets([line.format(**numbers) for line in message.advice]),
            ]
        labels = [self.rules[r].label for r in rule_ids if r in self.rules]
        if labels and tier in HOLD_TIERS:
            blocks.append(para(self.texts.recognised.format(labels="; ".join(labels))))
        buttons: list[Button] = []
        if tier == "crisis":
            # No menu of unrelated options after a crisis reply (safe-messaging guidance).
            turn.state.safety_hold = tier
        elif tier in HOLD_TIERS and not other:
            turn.state.safety_hold = tier
            # Offered only to someone with reminders running: to anyone else it would read as
            # an invitation to set some up, in the middle of an emergency.
            subscription = await self.s.store.reminders.get(turn.state.user_id)
            if subscription is not None and subscription.running:
                buttons.append(Button(self.texts.pause_reminders, Action("pause_reminders")))
            buttons.append(Button(self.texts.cleared_button, Action("cleared")))
        elif tier == "stop":
            exercise_id = exercise_id or self.exercise_mentioned(turn.text)
            step = self._step_down(turn, exercise_id)
            if step:
                blocks.append(para(step))
        if tier != "crisis":
            buttons.append(Button(content.messages.buttons.menu, Action("menu")))
        turn.state.escalations.append(  # written with the turn's save (see UserState)
            Escalation(
                tier,
                rule_ids[0] if rule_ids else None,
                source,
                turn.text[:500] if self.s.config.store_safety_text and turn.text else None,
                turn.now,
            )
        )
        return Reply(
            "safety",
            tuple(blocks),
            severity=tier,
            id=rule_ids[0] if rule_ids else None,
            buttons=rows(*buttons),
        )

    def _step_down(self, turn: Turn, exercise_id: str | None) -> str | None:
        exercise = self.s.content.exercises.get(exercise_id or "")
        if exercise is None:
            return None
        stage = turn.state.stages.get(exercise.id, 0)
        if stage < 0:
            # Already on the easier version: offering it again would read as not listening.
            return self.texts.easiest_hurts.format(
                name=exercise.name, variation=exercise.easier.name
            )
        turn.state.stages[exercise.id] = stage - 1
        return self.texts.step_down.format(name=exercise.name, variation=exercise.easier.name)

    def numbers(self, state: UserState, crisis: bool = False) -> dict[str, str]:
        """What the {emergency_number} and {crisis_line} of a text stand for, for this user."""
        return {
            "emergency_number": self.emergency_number(state, crisis=crisis),
            "crisis_line": self.crisis_line(state),
        }

    def emergency_number(self, state: UserState, crisis: bool = False) -> str:
        """The user's country's number when their timezone tells it, else the configured one.
        A crisis reply names one country for both numbers: the crisis line's."""
        country = self._crisis_country(state) if crisis else self._country(state)
        return self.s.content.emergency_numbers.get(country or "", self.s.config.emergency_number)

    def _country(self, state: UserState) -> str | None:
        return self.s.country_of(state.timezone)

    def _crisis_country(self, state: UserState) -> str | None:
        """For a crisis line, the bot's home timezone stands in for a user who set none."""
        return self._country(state) or country_of(self.s.config.default_timezone)

    def crisis_line(self, state: UserState) -> str:
        """The user's country's crisis line when their timezone tells it, else the fallback."""
        country = self._crisis_country(state)
        content = self.s.content
        return content.crisis_lines.get(country or "", content.crisis_fallback)

    def _inform_about_other(self, state: UserState, result: TriageResult) -> Reply:
        message = self.s.content.safety.tiers[result.tier]
        number = self.emergency_number(state)
        return Reply(
            "safety",
            (
                para(self.texts.about_other),
                para(message.title.format(emergency_number=number)),
                bullets([line.format(emergency_number=number) for line in message.advice]),
            ),
            id=result.rule_ids[0] if result.rule_ids else None,
            buttons=rows(Button(self.s.content.messages.buttons.menu, Action("menu"))),
        )

    def _ask_yes_no(self, rule_id: str) -> Reply:
        labels = self.s.content.messages.buttons
        return Reply(
            "clarify",
            (para(self.texts.clarify_intro), para(self.rules[rule_id].question)),
            id=rule_id,
            buttons=(
                (
                    Button(labels.yes, Action("safety_yes", rule_id)),
                    Button(labels.no, Action("safety_no", rule_id)),
                ),
            ),
        )

    async def clarify_yes(self, turn: Turn) -> Reply | None:
        rule = self.rules.get(turn.arg)
        if rule is None:
            return None
        return await self.escalate(turn, rule.tier, (rule.id,), "question")

    async def clarify_no(self, turn: Turn) -> Reply | None:
        if turn.arg not in self.rules:
            return None
        return self.s.menu_reply("command", self.texts.no_flag)

    async def cleared(self, turn: Turn) -> Reply:
        turn.state.safety_hold = None
        return self.s.menu_reply("command", self.texts.cleared)

    def hold_notice(self) -> Reply:
        return Reply(
            "safety",
            (para(self.texts.hold_notice),),
            severity=None,
            buttons=rows(
                Button(self.texts.cleared_button, Action("cleared")),
                Button(self.s.content.messages.buttons.menu, Action("menu")),
            ),
        )

    # -- the guided /pain check -------------------------------------------------------------------

    async def pain_check(self, turn: Turn) -> Reply:
        turn.state.pending = "pain_rating"
        turn.state.pending_data = {}
        numbers = [Button(str(n), Action("pain_rate", str(n))) for n in RATINGS]
        return Reply("safety", (para(self.texts.pain_question),), buttons=rows(*numbers, per_row=6))

    async def rate_typed(self, turn: Turn) -> Reply | None:
        text = turn.text.strip().removesuffix("/10").strip()
        if not text.isdigit():
            return None
        if int(text) not in RATINGS:
            return Reply("clarify", (para(self.texts.pain_rating_invalid),))
        return self._begin_questions(turn, int(text))

    async def rate_pressed(self, turn: Turn) -> Reply | None:
        if not turn.arg.isdigit() or int(turn.arg) not in RATINGS:
            return None
        return self._begin_questions(turn, int(turn.arg))

    def _begin_questions(self, turn: Turn, rating: int) -> Reply:
        turn.state.pending = None
        turn.state.pending_data = {"pain_rating": rating, "pain_step": 0}
        return self._question(0)

    def _question(self, step: int) -> Reply:
        check = self.s.content.safety.pain_check
        rule = self.rules[check[step]]
        labels = self.s.content.messages.buttons
        text = self.texts.check_question.format(
            number=step + 1, total=len(check), question=rule.question
        )
        return Reply(
            "clarify",
            (para(text),),
            id=rule.id,
            buttons=(
                (
                    Button(labels.yes, Action("pain_yes", str(step))),
                    Button(labels.no, Action("pain_no", str(step))),
                ),
            ),
        )

    def _current_step(self, turn: Turn) -> int | None:
        step = turn.state.pending_data.get("pain_step")
        return step if isinstance(step, int) and turn.arg == str(step) else None

    async def check_yes(self, turn: Turn) -> Reply | None:
        step = self._current_step(turn)
        if step is None:
            return None
        rule = self.rules[self.s.content.safety.pain_check[step]]
        turn.state.pending_data = {}
        return await self.escalate(turn, rule.tier, (rule.id,), "pain_check")

    async def check_no(self, turn: Turn) -> Reply | None:
        step = self._current_step(turn)
        if step is None:
            return None
        if step + 1 < len(self.s.content.safety.pain_check):
            turn.state.pending_data["pain_step"] = step + 1
            return self._question(step + 1)
        rating = turn.state.pending_data.get("pain_rating", 0)
        turn.state.pending_data = {}
        return await self._finish_check(turn, rating)

    async def _finish_check(self, turn: Turn, rating: int) -> Reply:
        score_rule = self.s.content.safety.pain_score
        threshold = score_rule.above if score_rule else 5
        if rating > threshold:
            rule_ids = (score_rule.rule,) if score_rule else ()
            reply = await self.escalate(turn, "stop", rule_ids, "pain_check")
            lead = para(self.texts.check_clear_high.format(rating=rating))
        else:
            reply = await self.escalate(turn, "soreness", (), "pain_check")
            lead = para(self.texts.check_clear_low.format(rating=rating))
        return Reply(**{**reply.__dict__, "blocks": (lead, *reply.blocks)})
