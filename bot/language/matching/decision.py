"""What a free-text question gets: an answer, "did you mean" choices, or an honest fallback."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.language.matching.matcher import Candidate, Match, Matcher, Target
from bot.language.matching.second_opinion import reconsider
from bot.language.sentences import asking, clauses, is_question, sentences

if TYPE_CHECKING:
    from bot.content.loader import Content

ANSWER_AT = 42.0
"""A best score at or above this answers directly, if no rival is within `MARGIN`."""
MARGIN = 5.0
CLARIFY_AT = 38.0
"""Below this nothing fits well enough to even suggest."""
KNOWN_SHARE_AT = 0.3
"""At least this share of the question's weight must be words the knowledge base knows."""
EXACT_AT = 90.0
"""A best score this high is a phrasing said almost word for word."""
EXACT_LEAD = 15.0
"""... and a command with this lead runs even when it rests on one common word ("help");
a lone topic word ("pain") still asks back."""
SINGLE_AT = 40.0
SINGLE_COVERAGE_AT = 0.6
"""A lone candidate (no close rival) this good and explaining this much of the question is
answered rather than offered as a single button."""
SINGLE_AGREED_AT = 42.0
SINGLE_AGREED_LEAD = 1.25
SINGLE_AGREED_KNOWN_AT = 0.4
"""... or, explaining less, named first by words and letter n-grams alike and leading the
runner-up by this ratio: one button that is the answer is only a detour ("any videos? I learn
better by seeing"). Not when most of the message is words the knowledge base never saw
("the oldest bridge in Norway" shares only an exercise's name)."""
AGREED_AT = 30.0
AGREED_COVERAGE_AT = 0.35
AGREED_LEAD = 3.5
"""When the word score and the letter n-gram score each rank the same target first, a lower
score answers: their agreement is the confidence a margin would otherwise give."""
COMMAND_COVERAGE_AT = 0.5
COMMAND_WORDS_AT = 0.5
ANSWER_COVERAGE_AT = 0.4
"""A command runs only when it explains this much of the message: off-topic words around a
trigger ("today") leave it unexplained."""
# Tuned on bot/evaluation/data/faq_eval.yaml (`run_bot.py eval`); faq_holdout.yaml checks
# they generalise.

Outcome = Literal["answer", "clarify", "fallback"]


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    match: Match
    chosen: tuple[Candidate, ...] = ()

    @property
    def key(self) -> str | None:
        return self.chosen[0].key if self.chosen else None

    @property
    def score(self) -> float | None:
        best = self.match.best
        return best.score if best else None


EXERCISE_REQUESTS = (
    "{}",
    "how to do {}",
    "{} instructions",
    "{} technique",
    "show me {}",
    "easier alternative to {}",
    "harder version of {}",
)
GOAL_REQUESTS = (
    "{}",
    "{} exercises",
    "exercises for {}",
    "exercises to strengthen {}",
    "work on {}",
    "train {}",
    "{} workout",
    "improve {}",
    "i want more {}",
    "{} plan",
    "{} routine",
    "give me {} exercises",
    "moves for {}",
    "{} moves",
)
"""How people ask for an exercise or a goal's exercises, in English; each name and alias fills
the gap. Another language lists its own in language.yaml."""


def build_targets(content: Content) -> list[Target]:
    """Everything a question can be answered with, each with all the ways people ask for it."""
    targets = [
        Target(f"faq:{entry.id}", (entry.question, *entry.phrasings))
        for entry in content.faq.values()
    ]
    for exercise in content.exercises.values():
        names = (exercise.name, *exercise.aliases)
        templates = content.profile.exercise_requests or EXERCISE_REQUESTS
        phrasings = [template.format(name) for name in names for template in templates]
        phrasings += exercise.described_as  # the movement in lay words, as it is asked for
        targets.append(Target(f"exercise:{exercise.id}", tuple(phrasings), names))
    for goal in content.goals.values():
        names = (goal.name, *goal.aliases)
        templates = content.profile.goal_requests or GOAL_REQUESTS
        phrasings = [template.format(name) for name in names for template in templates]
        phrasings += goal.phrasings
        targets.append(Target(f"goal:{goal.id}", tuple(phrasings)))
    for intent in content.intents.values():
        targets.append(Target(f"command:{intent.command}", tuple(intent.phrasings)))
    return targets


def decide(matcher: Matcher, text: str) -> Decision:
    match = matcher.match(text)
    best = match.best
    if _clear_leader(matcher, match) and any(is_question(part) for part in sentences(text)):
        return Decision("answer", match, (best,))
    if best is None or best.score < CLARIFY_AT or match.known_share < KNOWN_SHARE_AT:
        return Decision("fallback", match)
    if best.key.startswith("command:") and not _explains_command(best, COMMAND_COVERAGE_AT):
        # "is it going to rain today": one trigger word must not start a session
        rest = tuple(c for c in match.candidates if not c.key.startswith("command:"))
        if not rest or rest[0].score < CLARIFY_AT:
            return Decision("fallback", match)
        match = Match(match.query, match.content_words, match.known_share, rest)
        best = rest[0]
    best = _tie_break(match)
    goal = _asked_for_goal(matcher, match)
    if goal is not None:
        # "give me moves to make my core stronger": the goal's exercises (its card also says
        # why the goal matters), not "Why is the core important?" or buttons for both
        return Decision("answer", match, (goal,))
    ordered = (best, *(c for c in match.candidates if c is not best))
    runner_up = _runner_up(ordered)
    clear = best.score - runner_up >= MARGIN or best is not match.candidates[0]
    confident = best.score >= ANSWER_AT and clear
    exact = (
        best.key.startswith("command:")
        and best.score >= EXACT_AT
        and best.score - runner_up >= EXACT_LEAD
    )
    if confident and best.coverage < ANSWER_COVERAGE_AT:
        confident = False  # "I'll be back in ten minutes": two known words do not make a topic
    if confident and (exact or not _too_vague(matcher, match)):
        return Decision("answer", match, (best,))
    if (
        best.agreed
        and best.score >= AGREED_AT
        and best.score - runner_up >= AGREED_LEAD
        and best.coverage >= AGREED_COVERAGE_AT
        and not _too_vague(matcher, match)
    ):
        return Decision("answer", match, (best,))  # two independent signals name the same one
    rivals = _close_rivals(ordered)
    single = not rivals and best.score >= SINGLE_AT and best.coverage >= SINGLE_COVERAGE_AT
    single = single or (
        not rivals
        and best.agreed
        and not best.key.startswith("command:")  # commands keep their stricter rule
        and best.score >= SINGLE_AGREED_AT
        and best.score >= SINGLE_AGREED_LEAD * runner_up
        and match.known_share >= SINGLE_AGREED_KNOWN_AT
    )
    if single and not _too_vague(matcher, match):
        return Decision("answer", match, (best,))  # one plausible target: a button is a detour
    return Decision("clarify", match, (best, *rivals))


KIND_PREFERENCE = {"command": 0, "exercise": 1, "goal": 2, "faq": 3}
"""On a near-exact tie the more specific reply wins: doing the thing over explaining it."""


def _tie_break(match: Match) -> Candidate:
    """The best candidate; on a near-exact tie ("delete my data": the command and the privacy
    entry both 100) the action, then the one explaining more of the question."""
    top = match.candidates[0]
    if top.score < EXACT_AT:
        return top
    tied = [c for c in match.candidates if top.score - c.score < MARGIN]
    if sum(c.key.startswith("command:") for c in tied) > 1:
        return top  # two actions fit ("turn of reminders": on or off?): the user chooses
    return min(tied, key=lambda c: (-c.coverage, KIND_PREFERENCE.get(c.key.split(":")[0], 9)))


MAX_ANSWERS = 2
"""Two questions in one message get two answers; a third waits for its own message."""


def decide_message(matcher: Matcher, text: str) -> tuple[Decision, ...]:
    """The decision(s) for a whole message: the fuzzy reading (below), then the learned
    signal's second opinion on it (second_opinion.py)."""
    return reconsider(matcher, _fuzzy_decisions(matcher, text))


def _fuzzy_decisions(matcher: Matcher, text: str) -> tuple[Decision, ...]:
    """The decision(s) for a whole message: its questions found, each judged on its own.

    A short message is judged whole. In a longer one, context sentences ("my son is 16 and
    plays football") would drown the question, so each question sentence is judged alone and,
    when that is not enough, together with the sentence before it. Context sentences alone never
    answer: "I walk with a stick" is not a question about walking.
    """
    whole = decide(matcher, text)
    if whole.outcome != "answer" and _stands_out(whole):
        whole = Decision("answer", whole.match, (whole.match.best,))
    parts = clauses(text)
    if len(parts) < 2:
        if whole.outcome != "answer" and _leads_story(whole):  # one run-on sentence
            return (Decision("answer", whole.match, (whole.match.best,)),)
        return (whole,)
    answered: list[Decision] = []
    unsure: list[Decision] = []
    asked = asking(parts)
    for index, sentence in asked:
        decision = decide(matcher, sentence)
        if decision.outcome != "answer" and index > 0:
            joined = decide(matcher, f"{parts[index - 1]} {sentence}")
            if joined.outcome == "answer" or decision.outcome == "fallback":
                decision = joined if joined.outcome != "fallback" else decision
        if decision.outcome != "answer" and _corroborated(matcher, decision, whole):
            decision = Decision("answer", decision.match, (decision.match.best,))
        picked = _picked_by_context(decision, whole)
        if picked is not None:
            decision = Decision("answer", decision.match, (picked,))
        if decision.outcome != "answer" and _supported(matcher, decision, whole):
            decision = Decision("answer", decision.match, (decision.match.best,))
        if decision.outcome == "answer":
            if all(d.key != decision.key for d in answered):
                answered.append(decision)
        elif decision.outcome == "clarify":
            unsure.append(decision)
    if len(answered) == 1:
        answered = _with_request_told(matcher, parts, {i for i, _ in asked}, answered, whole)
    strong_unsure = [d for d in unsure if d.score is not None and d.score >= EXACT_AT]
    if answered and strong_unsure:
        # "What is this bot? Can it replace a doctor?": the first question was word for word a
        # topic yet vague; answering only the second would be confidently half wrong. Ask both.
        first = strong_unsure[0]
        chosen = (first.chosen[0], *(d.chosen[0] for d in answered))
        return (Decision("clarify", first.match, chosen[: MAX_ANSWERS + 1]),)
    if answered and _clear_answer(whole) and all(d.key != whole.key for d in answered):
        # "I'm 20 weeks pregnant. Is it safe to do these now?": the question leans on its
        # story ("these", "now"), which names the topic; read alone it is about side effects.
        # The whole message, answered on its own merit (clear of its runner-up), says what
        # is asked.
        return (whole,)
    if answered:
        return tuple(answered[:MAX_ANSWERS])
    if whole.outcome != "answer" and _leads_story(whole):
        return (Decision("answer", whole.match, (whole.match.best,)),)
    if whole.outcome != "fallback":
        return (whole,)
    return (unsure[0],) if unsure else (whole,)


def _clear_answer(decision: Decision) -> bool:
    """Answered, and ahead of every other target by `MARGIN`: not a near tie settled by a rule
    ("bum exercises" in the story tipping a goal over the why-entry its question asks)."""
    if decision.outcome != "answer" or not decision.chosen:
        return False
    chosen = decision.chosen[0]
    others = [c.score for c in decision.match.candidates if c.key != chosen.key]
    return not others or chosen.score - max(others) >= MARGIN


REQUEST_RANK = 1


def _with_request_told(
    matcher: Matcher,
    parts: list[str],
    asked: set[int],
    answered: list[Decision],
    whole: Decision,
) -> list[Decision]:
    """One question answered, and something asked for without a question ("I'd rather have
    something to print. Also, are there videos?"): a sentence that answers on its own, about
    what the whole message ranks first, is a request too ("My son plays football" answers on
    its own as well, but the story is about something else). When the story is about
    that request and not about what the question found (the story's first few never name it),
    the question was a remark on the side ("Give me exercises for work. Don't want to get
    injured."): the request alone is answered."""
    ranked = [c.key for c in whole.match.candidates]
    if not ranked or ranked[0] == answered[0].key:
        return answered  # the story's first topic is already answered: nothing told to add
    for index, sentence in enumerate(parts):
        if index in asked:
            continue
        told = decide(matcher, sentence)
        key = told.key
        if told.outcome != "answer" or key is None or key.startswith("command:"):
            continue
        if key not in ranked[:REQUEST_RANK] or key == answered[0].key:
            continue
        if key == ranked[0] and answered[0].key not in ranked[:SUPPORTED_RANK]:
            return [told]
        first_asked = min(asked)
        return [told, *answered] if index < first_asked else [*answered, told]
    return answered


CORROBORATED_AT = 22.0
CORROBORATED_LEAD = 1.2
"""A question sentence in a longer message answers at this lower score when the whole message,
read with all its context, ranks the same target first, and the sentence's best beats its
runner-up by this ratio: context dilutes the score of the right entry more than its rank."""


CONTEXT_LEAD = 1.15
CONTEXT_AGREED_LEAD = 1.1
"""A question sentence torn between close rivals ("how should I set up my desk": sitting or
the home office?) in a long message (a story of `LONG_MESSAGE_WORDS` content words or more)
is answered with the one the whole message, story included, ranks first among them by this
ratio (the second when words and letter n-grams agree on it), if it also leads the whole
or is agreed on. A short message has too little story to settle anything."""


def _picked_by_context(sentence: Decision, whole: Decision) -> Candidate | None:
    if sentence.outcome != "clarify" or len(sentence.chosen) < 2:
        return None
    if len(whole.match.content_words) < LONG_MESSAGE_WORDS:
        return None
    keys = {c.key for c in sentence.chosen}
    ranked = [c for c in whole.match.candidates if c.key in keys]
    if not ranked or ranked[0].key.startswith("command:"):
        return None
    first = ranked[0]
    if not (first.agreed or first is whole.match.best):
        return None
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if first.score < (CONTEXT_AGREED_LEAD if first.agreed else CONTEXT_LEAD) * second:
        return None
    return next(c for c in sentence.chosen if c.key == first.key)


SUPPORTED_AT = 28.0
SUPPORTED_LEAD = 1.25
SUPPORTED_RANK = 3
"""A question sentence answers at this lower score when words and letter n-grams agree on its
best target, it leads the sentence's runner-up by this ratio, and the whole message ranks it
among its first few: the second of two questions ("and where do you keep my data?") is not
the whole message's first topic, but it is one of them."""


def _supported(matcher: Matcher, sentence: Decision, whole: Decision) -> bool:
    best = sentence.match.best
    if best is None or not best.agreed or best.key.startswith("command:"):
        return False
    if best.score < SUPPORTED_AT or sentence.match.known_share < KNOWN_SHARE_AT:
        return False
    if best.key not in {c.key for c in whole.match.candidates[:SUPPORTED_RANK]}:
        return False
    runner_up = _runner_up(sentence.match.candidates)
    return best.score >= SUPPORTED_LEAD * runner_up and not _too_vague(matcher, sentence.match)


LONG_MESSAGE_WORDS = 12
STANDS_OUT_AT = 18.0
STANDS_OUT_LEAD = 1.4
"""A long message (this many content words) whose best target is named by words and letter
n-grams alike, and leads the runner-up by this ratio, is answered although its score is low:
a story around "which of the two is better?" gives the topic only in its context."""


STORY_WORDS = 18
STORY_AT = 15.0
STORY_LEAD = 1.35
STORY_AGREED_LEAD = 1.2
"""A story this long (content words) in which no question answered on its own: its best
target, leading the runner-up by this ratio (the second when words and letter n-grams agree
on it), is what it is about. The more words a message has, the more its ranking says although
every score is diluted (on the blind tune sets, an off-topic story of snacks for a book club
led by 1.31, named by words alone; no in-scope story answered needs less than 1.35. A story
named by both signals needs 1.2: a bed that sags led the sleep entry by 1.24)."""


def _leads_story(whole: Decision) -> bool:
    match = whole.match
    best = match.best
    if best is None or best.key.startswith("command:") or best.score < STORY_AT:
        return False
    if len(match.content_words) < STORY_WORDS or match.known_share < KNOWN_SHARE_AT:
        return False
    lead = STORY_AGREED_LEAD if best.agreed else STORY_LEAD
    return best.score >= lead * _runner_up(match.candidates)


def _stands_out(whole: Decision) -> bool:
    match = whole.match
    best = match.best
    if best is None or not best.agreed or best.key.startswith("command:"):
        return False
    if len(match.content_words) < LONG_MESSAGE_WORDS or match.known_share < KNOWN_SHARE_AT:
        return False
    runner_up = _runner_up(match.candidates)
    return best.score >= STANDS_OUT_AT and best.score >= STANDS_OUT_LEAD * runner_up


def _explains_command(candidate: Candidate, coverage_at: float) -> bool:
    """A command runs only when its phrasings explain enough of the message's weight AND at
    least half of its words: "how do you say good morning in Norwegian" rests on the one rare
    word "Norwegian", half the weight, and is no request to switch language."""
    return candidate.coverage >= coverage_at and candidate.words_explained >= COMMAND_WORDS_AT


def _corroborated(matcher: Matcher, sentence: Decision, whole: Decision) -> bool:
    """Two readings of one message (the question alone, the whole story) name the same target."""
    best, overall = sentence.match.best, whole.match.best
    if best is None or overall is None or best.key != overall.key:
        return False
    if best.key.startswith("command:") and not _explains_command(best, ANSWER_COVERAGE_AT):
        # One trigger word is no command: "a good book on Norwegian war history?" is not
        # /language (the word "Norwegian" alone, under a third of the question's weight).
        return False
    if not (best.agreed or overall.agreed):
        return False  # and words and letter n-grams agree on it in one of the two readings
    if best.score < CORROBORATED_AT or sentence.match.known_share < KNOWN_SHARE_AT:
        return False
    runner_up = _runner_up(sentence.match.candidates)
    return best.score >= CORROBORATED_LEAD * runner_up and not _too_vague(matcher, sentence.match)


LEADER_AT = 30.0
LEADER_LEAD = 1.5
LEADER_COVERAGE_AT = 0.3
LEADER_KNOWN_AT = 0.45
"""Words and letter n-grams name the same target and it scores half again as much as any
other: answered though the score is modest ("are there any videos showing the exercises, I
learn better when I can see it"). Commands are left to their own stricter rule, and a message
mostly of words the knowledge base has never seen ("longest bridge in the world") is not
answered on one shared name. Only something asked: "my back is killing me since I lifted a box"
tells of pain, it does not ask how to lift (the safety advice answers it)."""


def _clear_leader(matcher: Matcher, match: Match) -> bool:
    best = match.best
    if best is None or not best.agreed or best.key.startswith("command:"):
        return False
    if best.score < LEADER_AT or best.coverage < LEADER_COVERAGE_AT:
        return False
    if match.known_share < LEADER_KNOWN_AT or _too_vague(matcher, match):
        return False
    return best.score >= LEADER_LEAD * _runner_up(match.candidates)


GOAL_TIE = 6.0
FAQ_SAID_AT = 70.0
"""A goal this close to the best FAQ entry is what was asked for: a goal's phrasings are all
requests for its exercises, so a near tie means the message asks for exercises too. Unless
the FAQ entry was asked nearly word for word ("can exercise prevent back pain?", "do I need
to stretch?"): then the buttons stay."""


GOAL_PREFIX = "goal:"
"""The goals' keys: build_language asks the matcher for the words all goals share."""


def _request_words(matcher: Matcher) -> frozenset[str]:
    """The words every goal is asked for with ("exercises", "routine", "øvelser", "train"):
    what the goal request templates of the content's language share, read as the matcher
    reads a message (worked out when the matcher is built)."""
    return matcher.words_shared_by(GOAL_PREFIX)


def _asked_for_goal(matcher: Matcher, match: Match) -> Candidate | None:
    top = match.candidates[0]
    goals = [c for c in match.candidates if c.key.startswith("goal:")]
    if not goals or top.key.startswith(("command:", "exercise:")):
        return None
    goal = goals[0]
    if top.score - goal.score >= GOAL_TIE or goal.score < CLARIFY_AT:
        return None
    if goal is not top and (
        top.score >= FAQ_SAID_AT or not set(match.content_words) & _request_words(matcher)
    ):
        return None  # the topic leads and nothing in the message asks for exercises
    ahead = match.candidates[: match.candidates.index(goal)]
    if any(not c.key.startswith("faq:") for c in ahead):
        return None  # an exercise or a command ranks above it: not a plain goal-or-topic tie
    return goal


def _runner_up(candidates: tuple[Candidate, ...]) -> float:
    """The second score (0 when there is one candidate): how far the best leads."""
    return candidates[1].score if len(candidates) > 1 else 0.0


def _close_rivals(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Runners-up close enough to the best to be what the user meant (Bot Framework's rule)."""
    if not candidates:
        return ()
    top = candidates[0].score
    rivals: list[Candidate] = []
    previous = top
    for candidate in candidates[1:3]:
        if top - candidate.score < math.sqrt(top) and previous - candidate.score < 0.7 * math.sqrt(
            previous
        ):
            rivals.append(candidate)
            previous = candidate.score
        else:
            break
    return tuple(rivals)


LONE_WORD_LEAD = 25.0
"""... unless words and letter n-grams agree on one target that leads all others by this much:
"how do I use this" (help), "how know my form ok" (technique) name a topic, "pain" does not."""


def _too_vague(matcher: Matcher, match: Match) -> bool:
    """A single common word ("pain", "exercise") could mean many entries: ask instead of guess."""
    if len(match.content_words) != 1:
        return False
    best = match.best
    if (
        best is not None
        and best.agreed
        and best.score - _runner_up(match.candidates) >= LONE_WORD_LEAD
    ):
        return False
    if best is not None and best.agreed and matcher.names(match.content_words[0], best.key):
        return False  # "planken", "how do I do the plank": the exercise's own name, not a topic
    return matcher.targets_with(match.content_words[0]) > 3
