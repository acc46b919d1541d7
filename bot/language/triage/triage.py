"""Safety triage: finds red flags and pain reports in a user's message.

A missed red flag is the worst error, a false alarm the second worst. The rules and word lists
live in knowledge/<lang>/safety.yaml; reading a message takes these steps, each in its module:

1. A crisis first (crisis.py: phrases, grammar, spelling), or a sentence close to a crisis
   exemplar (neighbours.py).
2. The text is cut into sentences and clauses of normalised words (clauses.py).
3. Every word is looked up in the vocabulary of the rules, typo-tolerantly and through its
   inflections (typos.py); rule phrases are aligned word by word (terms.py).
4. NegEx-style negation cancels denied symptoms (negation.py).
5. Each clause is about the user, about someone else, hypothetical or a general question
   (who.py); only the user's own symptoms raise the alarm, the rest set `about_other`.
6. Which rules fire, and which weak signals are worth a question (rule_reading.py).
7. Over the whole message (here): a question answered "no", a list answered "no to all",
   message-wide rules (an age in one sentence, new pain in another), an event told as over
   (when.py), and pain in an exercise (`stop`) or in daily life (`daily_pain`).

The module has no Telegram import and builds all indexes once, in `Triage.__init__`.
"""

from __future__ import annotations

from bot.content.safety_models import ReadingWords, SafetyContent, SafetyRule
from bot.language.dialect import current
from bot.language.memo import per_text
from bot.language.pain_rating import pain_score
from bot.language.text import clean_unicode, normalize
from bot.language.triage.ages import AgeReader, with_markers
from bot.language.triage.clauses import SENTENCE_END, SENTENCE_SPLIT, ClauseReader
from bot.language.triage.crisis import CrisisScreen
from bot.language.triage.cues import CueSet, star_split, words_of
from bot.language.triage.negation import Negation
from bot.language.triage.neighbours import Neighbours
from bot.language.triage.results import Hit, TriageResult
from bot.language.triage.rule_reading import RED_FLAG_TIERS, CompiledRule, RuleReader
from bot.language.triage.terms import TermBook
from bot.language.triage.typos import EitherSet, Vocabulary
from bot.language.triage.when import WhenReader
from bot.language.triage.who import WhoReader
from bot.model.tiers import rank as tier_rank

__all__ = ["CRISIS_ID", "Triage", "TriageResult"]

CRISIS_ID = "crisis"
"""The rule id recorded for a crisis (its phrases are in safety.yaml `crisis`)."""


class Triage:
    def __init__(self, content: SafetyContent, exercise_names: tuple[str, ...] = ()):
        """`exercise_names`: the programme's exercise names and aliases, which place pain in an
        exercise as surely as the word "exercise" does."""
        self.content = content
        self._rules = {rule.id: rule for rule in content.rules}
        cues = content.cues
        reading = content.reading
        self._exercise_context = CueSet([*cues.exercise_context, *exercise_names])
        self._daily_context = CueSet(cues.daily_context)
        self.daily_rule = next((r.id for r in content.rules if r.tier == "daily_pain"), None)
        self.crisis = CrisisScreen(
            content.crisis, cues.other_person, cues.other_pronoun, cues.self_words
        )
        lexicon = content.crisis
        self._crisis_near = Neighbours.of_texts(
            CRISIS_ID, lexicon.exemplars, lexicon.exemplar_threshold
        )
        # single negation words, as they appear inside symptoms ("no feeling", "not peed")
        self._negation_words = {
            normalize(phrase) for phrase in cues.negation if len(normalize(phrase).split()) == 1
        }
        negation = Negation(
            negation=CueSet(cues.negation),
            pseudo=CueSet(cues.pseudo_negation),
            normal=CueSet(cues.normal),
            not_felt=CueSet(cues.not_felt),
            ends=words_of(cues.negation_end),
            list_or=words_of(cues.list_or),
            feel_words=ReadingWords.words(reading.feel_words),
            fillers=ReadingWords.words(reading.fillers),
        )
        inability = CueSet(cues.inability)
        self._who = WhoReader(cues)
        self._when = WhenReader(cues, self._negation_words)
        self._question_words = words_of(cues.question_words)
        self._all_denied = CueSet(cues.all_denied)
        self._answer_no = CueSet(cues.answer_no)
        self._message_wide = [
            (rule.id, [CueSet(group) for group in rule.all_of])
            for rule in content.rules
            if rule.message_wide
        ]

        book = TermBook(
            ReadingWords.words(reading.function_words),
            self._negation_words,
            inability,
        )
        compiled = [
            CompiledRule.of(rule, order, book, cues.soften)
            for order, rule in enumerate(content.rules)
        ]
        book.close([group for rule in compiled for group in rule.sibling_groups()])
        rule_words = book.vocabulary()
        cue_words: set[str] = set()
        for cue_list in (
            cues.negation,
            cues.pseudo_negation,
            cues.negation_end,
            cues.normal,
            cues.inability,
            cues.clause_breaks,
            cues.self_words,
            cues.other_person,
            cues.other_pronoun,
            cues.hypothetical,
            cues.general,
            cues.actual,
        ):
            for phrase in cue_list:
                cue_words.update(w for w in star_split(phrase) if w != "*")
        # A language's frequent words are meant as typed, never a rule word's typo ("nice" is
        # not "niece", "swears" not "sweats"). Read from the dialect's own set, not copied: for
        # English that list is tens of thousands of words, shared with the matcher.
        known = EitherSet(
            rule_words | cue_words | ReadingWords.words(reading.typo_guard),
            current().common_words,
        )
        vocabulary = Vocabulary(rule_words, known, ReadingWords.words(reading.no_inflection))
        ages = AgeReader(
            [normalize(w) for w in cues.age_before], [normalize(w) for w in cues.age_after]
        )
        self._clauses = ClauseReader(
            CueSet(cues.clause_breaks),
            inability,
            frozenset(normalize(p) for p in cues.subject_pronouns),
            self._negation_words,
            ages,
            vocabulary,
        )
        self._reader = RuleReader(compiled, book, vocabulary, negation, self._who)
        self._pain_rule = content.pain_score.rule if content.pain_score else None
        self._pain_above = content.pain_score.above if content.pain_score else 10

    def _sentences_without_figures(self, text: str) -> str:
        """Each sentence of four words or more normalised, figures of speech out, sentences kept
        apart. Shorter sentences ("Continue?") share too few letters to be judged by likeness."""
        sentences = (self.crisis.without_figures(s) for s in SENTENCE_END.split(text))
        return ". ".join(s for s in sentences if len(s.split()) >= 4)

    def rule(self, rule_id: str) -> SafetyRule:
        return self._rules[rule_id]

    @per_text
    def assess(self, text: str) -> TriageResult:
        crisis = self.crisis.find(text)
        if crisis is not None:
            other = self.crisis.about_other(crisis)
            return TriageResult("crisis", (CRISIS_ID,), None, other, other)
        if self._crisis_near.nearest(self._sentences_without_figures(text)):
            # No phrase lined up, but a sentence reads like a crisis message: a warm reply with
            # the crisis line costs little when wrong; silence costs a great deal.
            return TriageResult("crisis", (CRISIS_ID,), None, False, False)
        self._other_facts: list[Hit] = []
        raw = clean_unicode(text)
        self_hits: list[Hit] = []
        other_hits: list[Hit] = []
        weak: list[str] = []
        pieces = SENTENCE_SPLIT.split(raw)
        # "my client (I'm a PT) has saddle numbness": after a parenthesis the sentence goes on
        # about whoever it was about before it.
        before_aside: bool | None = None
        asked: tuple[int, int] | None = None
        """Where the last sentence's hits begin, when it was a question ("Numb bum?")."""
        for index in range(0, len(pieces), 2):
            sentence_text = pieces[index]
            opening = pieces[index - 1] if index else ""
            ending = pieces[index + 1] if index + 1 < len(pieces) else ""
            if not sentence_text.strip():
                continue
            sentence = self._clauses.sentence(sentence_text)
            if not sentence.tokens:
                continue
            start = True
            if ")" in opening and before_aside is not None:
                start, before_aside = before_aside, None
            subjects = self._who.subjects(sentence, start)
            if "(" in ending and ")" not in ending:
                before_aside = subjects[-1]
            question = "?" in ending or sentence.tokens[0] in self._question_words
            mine, theirs, unclear = self._reader.read(
                sentence, question, subjects, self._other_facts
            )
            if asked is not None and self._answers_no(sentence_text):
                # "Numb bum? No.": the question just before is answered no; what the answer
                # itself goes on to say still counts ("No, but my legs are weak").
                del self_hits[asked[0] :], other_hits[asked[1] :]
            asked = (len(self_hits), len(other_hits)) if "?" in ending else None
            self_hits.extend(mine)
            other_hits.extend(theirs)
            weak.extend(unclear)
            if self._all_denied.find(sentence.tokens):
                # "No to all three": every sign named so far is answered no. What follows the
                # answer still counts ("no, no and no, but now my legs are weak").
                self_hits, other_hits = [], []
                self._other_facts.clear()
                continue
            if self._pain_rule and not question:
                score = pain_score(sentence_text)
                if score is not None and score > self._pain_above:
                    hit = Hit(self._pain_rule, frozenset(), frozenset())
                    if not self._who.sentence_about_other(sentence, subjects):
                        self_hits.append(hit)
        best_own = min((tier_rank(self._rules[h.rule].tier) for h in self_hits), default=99)
        best_other = min((tier_rank(self._rules[h.rule].tier) for h in other_hits), default=99)
        if self_hits and best_own <= best_other:
            hits, about_other = self_hits, False
        else:
            # Someone else's red flag outranks pain advice in the same message.
            hits, about_other = other_hits, bool(other_hits)
        rule_ids = self._pain_kind(raw, self._ordered({hit.rule for hit in hits}))
        tier = self._rules[rule_ids[0]].tier if rule_ids else None
        fired = set(rule_ids)
        rank = tier_rank(tier)
        unclear = tuple(
            rule_id
            for rule_id in self._ordered(set(weak))
            if rule_id not in fired
            and tier_rank(self._rules[rule_id].tier) < rank
            and self._rules[rule_id].tier in RED_FLAG_TIERS
        )
        clarify = unclear[0] if unclear else None
        if unclear and tier == "daily_pain":
            # No reassurance before the screening questions: ask first.
            tier, rule_ids = None, ()
        if tier in (None, "daily_pain") and not about_other:
            wide = self._message_wide_rules(raw)
            if wide:
                # "I'm 71. Never had a bad back. Now it aches daily": apart, but one report.
                rule_ids = self._ordered({*wide, *rule_ids})
                tier = self._rules[rule_ids[0]].tier
        if tier == "daily_pain" and self._when.said_over(normalize(raw).split()):
            # "Sore last week, all gone now": everyday pain told as over needs no advice.
            return TriageResult(None, (), None, False)
        if tier in RED_FLAG_TIERS and self._told_as_over(raw, tier, rule_ids):
            # Told as over and resolved: ask the rule's question rather than alarm.
            return TriageResult(None, (), rule_ids[0], False)
        other_person = about_other and any(hit.rule in rule_ids for hit in self._other_facts)
        return TriageResult(tier, rule_ids, clarify, about_other, other_person, unclear)

    def _answers_no(self, sentence: str) -> bool:
        """The sentence, up to its first comma, is only an answer of no ("No.", "Nope, I sleep
        fine"), not a sentence that starts with the word ("No idea why it happened")."""
        head = normalize(sentence.split(",")[0]).split()
        return (0, len(head) - 1) in self._answer_no.find(head)

    def _message_wide_rules(self, raw: str) -> set[str]:
        """Rules whose groups all stand somewhere in the message, the last one (what is felt)
        not right after a negation; none in a message about someone else or told as over."""
        if not self._message_wide:
            return set()
        # Ages marked and word order mended, but compounds kept whole ("ryggtrøbbel"), as the
        # cues are written.
        words: list[str] = []
        for sentence in SENTENCE_END.split(raw):
            # "|" ends a sentence: a negation before it denies nothing after it
            words += [
                *with_markers(
                    self._clauses.subject_first(normalize(sentence).split()), self._clauses.ages
                )
            ]
            words.append("|")
        if self._who.other_person.find(words) or self._when.said_over(words):
            return set()
        fired = set()
        for rule_id, groups in self._message_wide:
            *context, felt = groups
            spans = [group.find(words) for group in context]
            if not all(spans):
                continue
            inside = {p for found in spans for start, end in found for p in range(start, end + 1)}
            # "never had any back pain" names no pain felt: neither inside a context cue nor
            # within four words of a negation.
            if any(
                start not in inside
                and not self._negation_words
                & set(" ".join(words[max(0, start - 4) : start]).rpartition("|")[2].split())
                for start, _ in felt.find(words)
            ):
                fired.add(rule_id)
        return fired

    def _pain_kind(self, raw: str, rule_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Pain has two meanings: with an exercise in the message it is `stop` (daily-pain rules
        are dropped); with daily life and no exercise, a stop rule's pain is daily pain."""
        if not rule_ids:
            return rule_ids
        tiers = {self._rules[r].tier for r in rule_ids}
        if not tiers & {"stop", "daily_pain"}:
            return rule_ids
        words = normalize(raw).split()
        if self._exercise_context.find(words):
            return tuple(r for r in rule_ids if self._rules[r].tier != "daily_pain")
        if not self._daily_context.find(words):
            return rule_ids  # no context either way: the pain rule keeps its own tier
        kept = [r for r in rule_ids if self._rules[r].tier != "stop"]
        if "daily_pain" not in {self._rules[r].tier for r in kept} and self.daily_rule:
            kept.append(self.daily_rule)
        return self._ordered(set(kept))

    def _ordered(self, rule_ids: set[str]) -> tuple[str, ...]:
        order = {c.rule.id: c.order for c in self._reader.compiled}
        return tuple(sorted(rule_ids, key=lambda r: (tier_rank(self._rules[r].tier), order[r])))

    def _told_as_over(self, raw: str, tier: str, rule_ids: tuple[str, ...]) -> bool:
        history = any(self._rules[r].past_counts for r in rule_ids if self._rules[r].tier == tier)
        return self._when.told_as_over(raw, tier == "urgent", history, len(rule_ids) > 1)

    def long_ago(self, words: list[str]) -> bool:
        """ "five years ago", "last spring", or a year before this one ("in 2015")."""
        return self._when.long_ago(words)

    def names_exercise(self, text: str) -> bool:
        """The message places itself in an exercise ("during the plank", "in my session")."""
        return bool(self._exercise_context.find(normalize(text).split()))

    def happening_now(self, text: str) -> bool:
        """Someone else's red flag is happening now ("just fell", "tonight", "what do i do"),
        and the message does not say it is over."""
        return self._when.happening_now(text)
