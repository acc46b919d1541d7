"""Norwegian safety content through the shared triage: red flags in Bokmål, Nynorsk and without
æøå, crisis wordings, and harmless look-alikes (sentences written for this test)."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content
from bot.language.dialect import dialect_of, speaking
from bot.language.triage.triage import Triage
from tests.conftest import KNOWLEDGE


class _Norwegian:
    """The Norwegian triage, read in the Norwegian dialect (folds, shorthand, stemmer)."""

    def __init__(self):
        content = load_content(KNOWLEDGE, "nb")
        self.dialect = dialect_of(content.profile, "nb")
        with speaking(self.dialect):
            self.triage = Triage(content.safety)

    def assess(self, text: str):
        with speaking(self.dialect):
            return self.triage.assess(text)


@pytest.fixture(scope="module")
def triage() -> _Norwegian:
    return _Norwegian()


@pytest.mark.parametrize(
    "text",
    [
        "jeg får ikke kontroll over blæren og har vondt i ryggen",
        "faar ikke tisset siden i gaar",
        "eg har ikkje kontroll på blæra",
        "nummen i skrittet og vondt i korsryggen",
        "jeg kjenner ikke dopapiret når jeg tørker meg",
        "beina blir svakere og svakere",
        "foten min sleper når jeg går",
        "falt ned fra stigen og landet på ryggen",
        "plutselig rivende smerte i ryggen og magen",
    ],
)
def test_emergencies_in_norwegian(triage, text):
    result = triage.assess(text)
    assert result.tier == "emergency" and not result.about_other, result


@pytest.mark.parametrize(
    "text",
    [
        "har feber og vondt i ryggen",
        "jeg har hatt brystkreft og nå har jeg vondt i ryggen",
        "jeg er 78 år og falt på badet",
        "smertene vekker meg hver natt og ingenting hjelper",
    ],
)
def test_urgent_flags_in_norwegian(triage, text):
    assert triage.assess(text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "jeg vil ikke leve lenger",
        "får ikke sove, orker ikke mer, vil bare forsvinne",
        "mamma sier hun ikke vil leve lenger",
        "eg orkar ikkje meir, eg vil berre døy",
        "alle hadde hatt det bedre uten meg",
        "jeg tok alle pillene mine for en time siden",
    ],
)
def test_crisis_in_norwegian(triage, text):
    assert triage.assess(text).tier == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "jeg dør av latter",
        "drepende kjedelig øvelse",
        "planken tar livet av meg haha",
        "jeg har aldri tenkt på selvmord",
        "tok alle pillene mine i morges som vanlig",
        "kan jeg henge meg på treningen",
        "jeg er redd for å skade meg selv på trening",
    ],
)
def test_figures_of_speech_are_not_crises(triage, text):
    assert triage.assess(text).tier != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "jeg har ingen problemer med blæra",
        "dette er en kul øvelse for ryggen",
        "i hvert fall tre ganger i uka",
        "La den andre foten bli i gulvet, og slapp av i skuldrene.",
        "Trekk kneet forsiktig mot brystet til du kjenner en lett tøyning.",
    ],
)
def test_harmless_sentences_raise_no_red_flag(triage, text):
    assert triage.assess(text).tier in (None, "daily_pain", "stop", "soreness")
