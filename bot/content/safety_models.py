"""Schema of knowledge/<lang>/safety.yaml: safety tiers, red-flag rules and the cue word lists.

Validation errors name the offending rule or tier, so a clinician editing the YAML sees where the
mistake is ("rule bladder_bowel: ...").
"""

from __future__ import annotations

from bot.content.base import Id, StrictModel, Text
from bot.content.record import Field, field_validator, model_validator
from bot.model.tiers import TIERS, Tier

Phrase = Text
"""A word or a few words, matched typo-tolerantly inside one clause of a message."""


class SafetyTier(StrictModel):
    """What the bot says when a rule of this tier fires: a headline action and a few lines."""

    title: Text
    advice: list[Text] = Field(min_length=2, max_length=5)


class SafetyRule(StrictModel):
    """One symptom (a red flag, or a pain report) and the words that reveal it."""

    id: Id
    tier: str
    label: Text
    question: Text
    phrases: list[Phrase] = Field(default_factory=list)
    all_of: list[list[Phrase]] = Field(default_factory=list)
    clarify: list[Phrase] = Field(default_factory=list)
    """Weak signals: alone they only make the bot ask `question` with yes/no buttons."""
    unless: list[Phrase] = Field(default_factory=list)
    """Words that show the rule is about something else: overlapping a symptom word they cancel
    it ("bottom of my foot"); elsewhere in the clause they turn a red flag into the yes/no
    question (and cancel a stop or soreness rule for that clause)."""
    clarify_unless: list[Phrase] = Field(default_factory=list)
    """Words that, in the same clause, make a weak signal not worth a question ("numb hands")."""
    clarify_all_of: list[list[Phrase]] = Field(default_factory=list)
    """Safety net: groups that, all present in one clause (or two neighbouring clauses), make the
    bot ask `question` ("weird" + "groin"); matched like `all_of`, but never raise the alarm."""
    soften: list[Phrase] = Field(default_factory=list)
    """Words that give a likely harmless reason ("after a long bike ride"): in their clause a
    match of this rule only makes the bot ask `question` instead of raising the alarm."""
    answered_by: Id | None = None
    """The FAQ entry that answers this pain when it is asked about, not reported ("should I stop
    if the plank hurts?"): that question gets the entry's answer, not "stop this exercise". The
    rule's last `all_of` group is then what is felt (it must follow the "if" or "when")."""
    message_wide: bool = False
    """The `all_of` groups may stand anywhere in the message, not only in one clause and its
    neighbour: "I'm 71. Never had a bad back. Now it aches every day" holds an age and new
    pain three sentences apart. The last group is what is felt, and counts only where no
    negation stands just before it; someone else's message, or one told as over, is left out."""
    past_counts: bool = False
    """The flag is a history (cancer treated years ago, "all clear since"): told with pain in
    the same message, being over does not lower it, because the past event is what makes new
    back pain worth a doctor's look. Without pain it stays a question."""

    @model_validator(mode="after")
    def _has_a_way_to_fire(self) -> SafetyRule:
        if self.tier not in TIERS:
            raise ValueError(
                f"rule {self.id}: unknown tier '{self.tier}' (use one of {', '.join(TIERS)})"
            )
        if self.answered_by and len(self.all_of) < 2:
            raise ValueError(
                f"rule {self.id}: answered_by needs all_of groups, the last one what is felt"
            )
        if self.message_wide and len(self.all_of) < 2:
            raise ValueError(f"rule {self.id}: message_wide needs all_of groups")
        if not self.phrases and not self.all_of:
            raise ValueError(f"rule {self.id}: needs phrases or all_of (both are empty)")
        for number, group in enumerate(self.all_of, start=1):
            if not group:
                raise ValueError(f"rule {self.id}: all_of group {number} is empty")
        if len(self.all_of) == 1:
            raise ValueError(
                f"rule {self.id}: all_of needs at least two groups (one group is just phrases)"
            )
        for number, group in enumerate(self.clarify_all_of, start=1):
            if not group:
                raise ValueError(f"rule {self.id}: clarify_all_of group {number} is empty")
        if len(self.clarify_all_of) == 1:
            raise ValueError(
                f"rule {self.id}: clarify_all_of needs at least two groups "
                "(one group is just clarify)"
            )
        return self


class SafetyCues(StrictModel):
    """Word lists that change what a matched symptom means. Matched exactly (no typo tolerance);
    `*` in a cue stands for one to four words."""

    negation: list[Phrase] = Field(min_length=1)
    pseudo_negation: list[Phrase] = Field(default_factory=list)
    negation_end: list[Phrase] = Field(default_factory=list)
    list_or: list[Phrase] = Field(default_factory=list)
    """The word that ends a list ("or", "nor"): a negation reaches over the comma-separated
    items before it ("no numbness, weakness or fever")."""
    normal: list[Phrase] = Field(default_factory=list)
    inability: list[Phrase] = Field(default_factory=list)
    clause_breaks: list[Phrase] = Field(min_length=1)
    self_words: list[Phrase] = Field(min_length=1)
    other_person: list[Phrase] = Field(min_length=1)
    other_pronoun: list[Phrase] = Field(default_factory=list)
    subject_pronouns: list[Phrase] = Field(default_factory=list)
    """Pronouns that can be a clause's subject ("hun", "jeg"; not "meg", "myself"): one found
    between a verb and a negation ("nå får hun ikke tisset") is read before the verb, as the
    phrases are written."""
    hypothetical: list[Phrase] = Field(min_length=1)
    general: list[Phrase] = Field(default_factory=list)
    actual: list[Phrase] = Field(default_factory=list)
    question_words: list[Phrase] = Field(default_factory=list)
    soften: list[Phrase] = Field(default_factory=list)
    """Likely harmless reasons for every rule ("laughing", "fine now"): the question, no alarm."""
    exercise_context: list[Phrase] = Field(default_factory=list)
    """Words that place pain in an exercise: without any of them, pain is `daily_pain`."""
    daily_context: list[Phrase] = Field(default_factory=list)
    """Daily-life words: with them and no exercise, pain is `daily_pain`."""
    other_now: list[Phrase] = Field(default_factory=list)
    """Someone else's red flag happening now ("just", "right now", "what do i do"): alarm, and
    tell the user to call for them."""
    resolved: list[Phrase] = Field(default_factory=list)
    """An event that is over ("fully resolved", "cleared up", "no symptoms since")."""
    long_ago: list[Phrase] = Field(default_factory=list)
    """Said to lie long in the past ("five years ago", "last spring"; a year such as 2015 counts
    too): with a `resolved` cue, an emergency told as over is asked about, not alarmed."""
    all_denied: list[Phrase] = Field(default_factory=list)
    """An answer of no to a list of signs ("no to all three", "no, no and no"): the signs named
    before it in the message are denied."""
    answer_no: list[Phrase] = Field(default_factory=list)
    """A sentence that begins with one of these answers the question just before it no
    ("Numb bum? No. Fever? Nope."): the signs that question named are denied."""
    age_before: list[Phrase] = Field(default_factory=list)
    """Words right before a number that make it the person's age ("am", "aged", "er")."""
    age_after: list[Phrase] = Field(default_factory=list)
    """Words right after a number that make it an age ("years", "yo", "år")."""
    animals: list[Phrase] = Field(default_factory=list)
    """An animal's symptoms ("my cat's back legs") are for a vet: they raise nothing."""
    asks_information: list[Phrase] = Field(default_factory=list)
    """A general question about warning signs ("what are the symptoms to look out for")."""
    says_well: list[Phrase] = Field(default_factory=list)
    """The writer says they, or the person asked about, are well ("i'm fine myself"): with an
    `asks_information` cue the red flags in the message are answered as information."""
    asks_advice: list[Phrase] = Field(default_factory=list)
    """A question asking what to do ("should i", "is it ok to", "how often"): with a
    `conditional` cue, pain in it is asked about, not reported."""
    conditional: list[Phrase] = Field(default_factory=list)
    """Words that make pain a condition ("if it hurts", "when my back hurts", "even if")."""
    not_felt: list[Phrase] = Field(default_factory=list)
    """Right after a negated feeling ("I do not feel [any pain] in my legs") these words show the
    person denies a sensation rather than reports losing it."""

    @field_validator("negation")
    @classmethod
    def _cannot_is_not_a_negation(cls, value: list[str]) -> list[str]:
        for cue in value:
            if cue.strip().lower() in ("cannot", "can't", "cant", "can not"):
                raise ValueError(
                    f"negation cue {cue!r}: 'cannot' is part of symptoms ('cannot feel my feet')"
                )
        return value


class CrisisCombination(StrictModel):
    """Concepts that together state a crisis ("want" + "die"), in this order in one sentence,
    each at most `within` words after the one before, with no `blockers` word in a gap. One
    concept is enough when `anywhere` or `unless` narrow it ("been cutting" + "again")."""

    all_of: list[Id] = Field(min_length=1)
    within: int = Field(default=4, ge=0, le=12)
    anywhere: list[Id] = Field(default_factory=list)
    """Concepts that must also appear somewhere in the sentence ("on purpose", "again")."""
    unless: list[Phrase] = Field(default_factory=list)
    """Words that, anywhere in the sentence, show a harmless reading ("doing the plank")."""
    across_sentences: bool = False
    """Read over the whole message, not one sentence: a farewell is often two short lines
    ("goodbye." + "thanks for everything"), which no single sentence holds."""


class CrisisCheckIn(StrictModel):
    """Near misses: hopelessness or death words without a clear statement. The bot shows the
    crisis line and asks directly whether the person is thinking of ending their life (asking
    does not raise the risk: NICE NG225), then acts on the answer."""

    phrases: list[Phrase] = Field(min_length=1)
    """`$` at the end of a phrase: only at the end of a sentence ("i give up $")."""
    combinations: list[CrisisCombination] = Field(default_factory=list)
    unless: list[Phrase] = Field(default_factory=list)
    """Words that, in the same sentence, show the hopelessness is about something harmless
    (an exercise, a session, a subscription): no check-in."""
    line: Text
    """First line: the help to reach now; {crisis_line} and {emergency_number}."""
    question: Text
    yes_button: Text
    no_button: Text
    unsure_button: Text
    after_no: Text
    """Reply to "no": warm, the line stays available; {crisis_line}."""
    unsure_words: list[Phrase] = Field(min_length=1)
    """A typed answer with one of these counts as "not sure", which is taken as yes."""
    yes_words: list[Phrase] = Field(min_length=1)
    """A typed answer with one of these outside its `no_words` counts as yes."""
    no_words: list[Phrase] = Field(min_length=1)


class CrisisLexicon(StrictModel):
    """Suicidal thoughts, self-harm and overdose, in the words people use. Matched on the whole
    normalised message (not clause by clause): `*` stands for up to four words."""

    phrases: list[Phrase] = Field(min_length=1)
    figures_of_speech: list[Phrase] = Field(default_factory=list)
    """Removed from the message before matching ("i could kill for a coffee")."""
    negation: list[Phrase] = Field(default_factory=list)
    """Right before a phrase, these deny it ("never had thoughts of suicide")."""
    soften: list[Phrase] = Field(default_factory=list)
    """In the sentence of a crisis phrase, these show it is told as information or as the past
    ("i read that", "years ago"): the bot checks in (asks directly) instead."""
    negation_window: int = Field(default=4, ge=1, le=4)
    """How many words before a phrase a negation may stand and still deny it. Languages that
    put the negation after the verb and use it everywhere (Norwegian "får ikke sove, orker ikke
    mer") need a shorter reach, or an earlier clause's "ikke" silences the crisis."""
    negation_breaks: list[Phrase] = Field(
        default_factory=lambda: ["i", "but", "and", "so", "because", "just"]
    )
    """Words between a negation and the phrase that end the negation's reach."""
    self_subject: list[Phrase] = Field(default_factory=lambda: ["i"])
    """The word for "I": right before a phrase it keeps the crisis the writer's own."""
    exemplars: list[Text] = Field(default_factory=list)
    """Whole crisis messages in many voices: a sentence close to one of them (character
    n-grams) is treated as a crisis even when no phrase lines up."""
    exemplar_threshold: float = Field(default=0.55, gt=0, lt=1)
    concepts: dict[Id, list[Phrase]] = Field(default_factory=dict)
    """Word classes for `combinations` ("wish": want, wish, rather...; "death": die, dead...).
    The concept `manynum` is built in: a whole number of 8 or more ("took 30 ibuprofen")."""
    combinations: list[CrisisCombination] = Field(default_factory=list)
    blockers: list[Phrase] = Field(default_factory=list)
    """Words that break a combination when they sit in a gap ("want to know if i will die")."""
    check_in: CrisisCheckIn | None = None
    taken: list[Phrase] = Field(default_factory=list)
    """In a crisis message, these say the act is done (an overdose swallowed, a cut made): a
    poisoning or an injury needs the emergency number before the crisis line. `*` as above."""

    @model_validator(mode="after")
    def _concepts_known(self) -> CrisisLexicon:
        known = set(self.concepts) | {"manynum"}
        combos = [*self.combinations, *(self.check_in.combinations if self.check_in else [])]
        for number, combo in enumerate(combos, start=1):
            for name in (*combo.all_of, *combo.anywhere):
                if name not in known:
                    raise ValueError(f"crisis combination {number}: unknown concept '{name}'")
        return self


class Exemplar(StrictModel):
    """Red-flag phrasings for the second detector: a message close to one of them (character
    n-grams) gets the rule's screening question, never an alarm."""

    rule: Id
    texts: list[Text] = Field(min_length=1)


class SafetyNet(StrictModel):
    """Words about the body: a message with one of them that no detector understood gets the
    short screening check instead of "I don't have a good answer"."""

    body_words: list[Phrase] = Field(min_length=1)
    check: list[Id] = Field(min_length=1)
    """The rules the short screening check asks about, in order."""
    language_words: list[Phrase] = Field(default_factory=list)
    """Common English and Norwegian words: a message with almost none of them is in a language
    the bot does not speak, and gets the emergency line in English and Norwegian first."""
    unserved_language_words: list[Phrase] = Field(default_factory=list)
    """Words only a language whose content is not loaded yet uses (Norwegian, until its content
    is wired in): a message with them that nothing understood gets the bilingual emergency line
    first, and the screening check if it talks about the body."""
    exemplars: list[Exemplar] = Field(default_factory=list)
    threshold: float = Field(default=0.5, gt=0, lt=1)


class PainScoreRule(StrictModel):
    """A pain rating above `above` (0-10 scale) fires `rule`."""

    rule: Id
    above: int = Field(default=5, ge=0, le=10)


class ReadingWords(StrictModel):
    """How the screen reads words, whatever the rule. Each list is one space-separated text."""

    function_words: Text
    """Small words that may be missing, or replaced, inside a rule phrase of three words+."""
    typo_guard: Text
    """Everyday words one or two typos away from a rule word: taken as written."""
    no_inflection: Text
    """Words whose singular and plural mean different things to the rules."""
    feel_words: Text
    """Feeling verbs: negated before a `not_felt` cue, they deny a sensation."""
    fillers: Text
    """Words skipped between a feeling verb and the `not_felt` cue."""

    @staticmethod
    def words(text: str) -> frozenset[str]:
        return frozenset(text.split())


class SafetyContent(StrictModel):
    tiers: dict[Tier, SafetyTier]
    rules: list[SafetyRule] = Field(min_length=1)
    cues: SafetyCues
    pain_check: list[Id] = Field(default_factory=list)
    pain_score: PainScoreRule | None = None
    crisis: CrisisLexicon
    net: SafetyNet
    reading: ReadingWords

    @model_validator(mode="after")
    def _consistent(self) -> SafetyContent:
        missing = [name for name in TIERS if name not in self.tiers]
        if missing:
            raise ValueError(f"tiers: missing {', '.join(missing)}")
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule {rule.id}: duplicate rule id")
            seen.add(rule.id)
        for rule_id in self.pain_check:
            if rule_id not in seen:
                raise ValueError(f"rule {rule_id}: pain_check refers to unknown rule '{rule_id}'")
        if len(set(self.pain_check)) != len(self.pain_check):
            raise ValueError("pain_check: a rule is listed twice")
        for rule_id in self.net.check:
            if rule_id not in seen:
                raise ValueError(f"net: check refers to unknown rule '{rule_id}'")
        for exemplar in self.net.exemplars:
            if exemplar.rule not in seen:
                raise ValueError(f"net: exemplar refers to unknown rule '{exemplar.rule}'")
        if self.pain_score is not None and self.pain_score.rule not in seen:
            raise ValueError(
                f"rule {self.pain_score.rule}: pain_score refers to unknown rule "
                f"'{self.pain_score.rule}'"
            )
        return self

    def rule(self, rule_id: str) -> SafetyRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
