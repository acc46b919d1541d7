"""Norwegian exercise requests: what a Norwegian user types gets the card or goal they meant,
in Norwegian, whether they name the exercise, inflect it, write dialect or describe the movement."""

from __future__ import annotations

import pytest

USER = 911


@pytest.mark.parametrize(
    ("message", "exercise"),
    [
        ("fuglehund", "bird_dog"),
        ("planken", "plank"),
        ("sideplanken", "side_plank"),
        ("bekkenvippen", "pelvic_tilt"),
    ],
)
async def test_a_lone_norwegian_name_from_a_new_user_gets_the_norwegian_card(
    bilingual, store, library, message, exercise
):
    # No app language and one word: the name itself, which only the Norwegian content has,
    # says the user reads Norwegian.
    reply = await bilingual.reply(USER, message)
    assert (reply.kind, reply.id, reply.language) == ("exercise", exercise, "nb")
    assert library["nb"].exercises[exercise].steps[0] in reply.text
    assert (await store.users.load(USER)).language == "nb"


async def test_a_name_both_languages_use_keeps_the_default_language(bilingual, library):
    # "plank" is the English name and an alias in the Norwegian content too: it tells nothing.
    reply = await bilingual.reply(USER, "plank")
    assert (reply.kind, reply.id, reply.language) == ("exercise", "plank", "en")
    assert library["en"].exercises["plank"].steps[0] in reply.text


@pytest.mark.parametrize(
    ("message", "exercise"),
    [
        ("hvordan gjør jeg broa riktig?", "glute_bridge"),
        ("korleis skal eg halde planken?", "plank"),
        ("framoverbøyinga på golvet, hvordan gjør eg den?", "seated_forward_bend"),
        ("kan du vise meg den døde billen", "dead_bug"),
        ("den der jeg står på alle fire og strekker ut en arm og beinet på andre sida", "bird_dog"),
        ("øvelsen hvor man ligger på siden og løfter det øverste beinet", "side_leg_raise"),
        ("jeg vil runde ryggen og svaie den på alle fire, hvordan?", "cat_cow"),
    ],
)
async def test_norwegian_exercise_requests_get_that_card(bilingual, library, message, exercise):
    reply = await bilingual.reply(USER, message, language_code="nb")
    assert (reply.kind, reply.id, reply.language) == ("exercise", exercise, "nb")
    assert library["nb"].exercises[exercise].name in reply.text


@pytest.mark.parametrize(
    ("message", "goal"),
    [
        ("gi meg noe tøying, jeg vil bli smidigere i hoftene", "flexibility"),
        ("noen øvelser som vekker rumpemusklene", "glutes"),
        ("jeg vil ha en sterkere mage som støtter ryggen", "core"),
        ("vis meg et styrkeprogram for ryggen", "strength"),
    ],
)
async def test_norwegian_goal_requests_get_that_goals_exercises(bilingual, library, message, goal):
    reply = await bilingual.reply(USER, message, language_code="nb")
    assert (reply.kind, reply.id, reply.language) == ("exercises", goal, "nb")
    assert library["nb"].goals[goal].why in reply.text
