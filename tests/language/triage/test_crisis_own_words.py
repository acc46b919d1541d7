"""Crisis said in the person's own words, as concepts rather than phrases (sentences written for
this test, not taken from any eval set): Norwegian has the same concepts as English."""

from __future__ import annotations

import pytest

from bot.language.triage.triage import Triage


@pytest.fixture(scope="module")
def english(content) -> Triage:
    return Triage(content.safety)


@pytest.mark.parametrize(
    "text",
    [
        # an intention and an act against oneself
        "jeg dreper meg selv snart",
        "kommer til å drepe meg selv",
        # doubt about wanting to live, indifference to dying
        "jeg vet ikke om jeg vil leve lenger",
        "ville ikke ha noe imot å dø",
        "har null lyst å leve",
        "honestly har ikke lyst til å leve lenger, smertene tar alt",
        # death as the only way out of the pain
        "det hadde vært en lettelse å dø",
        "smerten slutter bare når jeg dør",
        "døden hadde vært en befrielse",
        # nobody would notice, everyone better off
        "ingen hadde merket om jeg forsvant",
        "hvem ville egentlig savnet meg om jeg døde",
        "det hadde vært enklere for alle om jeg ikke var her",
        # not expecting to be here
        "jeg tror ikke jeg blir her mye lenger",
        "ser ikke for meg at jeg er her neste år",
        "jeg vil forsvinne for godt",
        # pills hoarded, asked about, taken
        "har samlet på sovetabletter",
        "hvor mange paracet trengs for å dø",
        "svelget en hel pakke med tabletter",
        # a place and a way
        "står på brua og tenker på å hoppe",
        # self-harm with the reflexive "meg"
        "brenner meg med lighter når det blir for mye",
        # a learner's Norwegian, Nynorsk, a formal voice
        "jeg tenke å ta livet, ingen hjelp",
        "bedre jeg dø enn denne smerte",
        "jeg tar mange tabletter nå, vil stoppe alt",
        "eg tenkjer på å ta mitt eige liv",
        "Jeg har lenge tenkt at livet ikke er verdt å leve med disse smertene.",
        "Jeg har spart opp sovemedisin og vurderer å ta den.",
        "tror ikke jeg orker å leve så mye lenger",
    ],
)
def test_norwegian_crisis_in_own_words(norwegian, text):
    assert norwegian.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "planken dreper meg selv om jeg bare holder 20 sekunder",
        "hoppet i sjøen og badet, ryggen kjentes bra",
        "hvor mange tabletter ibux kan jeg ta per dag",
        "samlet gamle tabletter for å levere på apoteket",
        "programmet hadde vært bedre uten planken",
        "ingen merket at jeg haltet",
        "det var en lettelse å høre at det ikke er farlig",
        "jeg vil ikke dø av kjedsomhet i sofaen, hvilke øvelser kan jeg gjøre?",
        "ser ikke for meg at jeg blir her lenge, flytter til Bergen i sommer",
        "skal ta livet med ro i helga og hvile ryggen",
        "skal ta to paracet og legge meg",
    ],
)
def test_norwegian_look_alikes_are_not_crises(norwegian, text):
    assert norwegian.assess(text).tier != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "i dont know if i want to be alive anymore",
        "i'd be fine with not waking up",
        "the only thing that would stop the pain is me being gone",
        "sometimes i think it better if i am not alive",
        "took every pill in the house",
        "i punch walls and hit myself til it bruises",
        "slicing my arms again, it's the only thing that helps",
        "standing on the bridge thinking about jumping",
        "on the bridge now. thinking of letting go",
        "bought a rope today. i'm done",
        "i keep googling painless ways to go",
        "i cant go on. ive said my goodbyes",
        "pt reports SI with intent",
        "cant be arsed with living tbh",
        "life is too painful to keep going",
        "i'd sooner be dead than live with this back",
        "i drank bleach",
        "i pray every night that i dont wake up",
        "i no more want to be alive",
    ],
)
def test_english_crisis_in_own_words(english, text):
    assert english.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "i dont want to live on painkillers forever",
        "i'd rather die than do another burpee haha",
        "happy to not wake up early on sundays lol",
        "bought a skipping rope for cardio",
        "jumping on the trampoline hurts my back",
        "i was on the roof fixing gutters and now my back hurts",
        "i'm going to drive off the road at lunch lol jk, just to the gym",
        "took a lot of my painkillers this week because of the flare",
        "i hope i don't wake up with that stiffness again tomorrow",
    ],
)
def test_english_look_alikes_are_not_crises(english, text):
    assert english.assess(text).tier != "crisis"


def test_someone_elses_crisis_in_both_languages(english, norwegian):
    cut = english.assess("my partner has cut his wrists, there's blood everywhere")
    assert cut.tier == "crisis" and cut.about_other
    for text in (
        "vennen min skrev at han skal gjøre slutt på det i kveld",
        "mannen min sier at vi hadde klart oss bedre uten ham",
        "søsteren min sier det ikke er noen vits i å leve med smertene",
    ):
        assert norwegian.assess(text).tier == "crisis", text
    assert norwegian.assess("jeg skal gjøre slutt på det med kjæresten i kveld").tier is None
