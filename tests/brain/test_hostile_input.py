"""Hostile and odd input: the pipeline, the command parser and the button codec never raise and
always answer with something Telegram accepts. Example counts are bounded to keep the suite fast.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig
from bot.faces.telegram.callbacks import MAX_BYTES, decode, encode
from bot.faces.telegram.render import MESSAGE_LIMIT, messages
from bot.model.clock import FakeClock
from bot.model.reply import Action, Reply
from bot.store import Store

ADMIN = 1
ODD = [
    "\u202e",  # right-to-left override
    "\u202d",
    "\u2066",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\U0001f4aa\U0001f3fd",  # emoji with a skin tone
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "ｈｏｗ ｏｆｔｅｎ",  # full-width
    "\ud800",  # a lone surrogate: not valid UTF-8 at all
    "<b>",
    "&amp;",
    "|",
    "/",
    "@",
    " ",
    "\n",
    "ñ",
    "ß",
    "İ",
    "back pain",
    "how often",
    "I can't feel my legs",
    "bird dog",
]
EXAMPLES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

odd_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(ODD), max_size=30).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(ODD), st.integers(1, 3000)),
)


@pytest.fixture(scope="module")
def brain(content):
    """One assistant for all examples (state carries over between them, like a real chat)."""
    runner = asyncio.Runner()
    store = runner.run(Store.open(":memory:"))
    clock = FakeClock(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
    config = BrainConfig(admin_user_ids=frozenset({ADMIN}))
    yield runner, Assistant(content, store, clock, config)
    runner.run(store.close())
    runner.close()


def _assert_sendable(reply: Reply) -> None:
    assert isinstance(reply, Reply)
    assert reply.text.strip() or reply.document is not None
    for outgoing in messages(reply):
        assert 0 < len(outgoing.html) <= MESSAGE_LIMIT
        assert outgoing.html.strip()
    for action in reply.actions():
        assert decode(encode(action)) == action
    for extra in reply.extra:
        _assert_sendable(extra)


@EXAMPLES
@given(user_id=st.integers(1, 4), text=odd_text)
def test_any_message_gets_a_sendable_reply(brain, user_id, text):
    runner, assistant = brain
    _assert_sendable(runner.run(assistant.reply(user_id, text)))


@EXAMPLES
@given(
    user_id=st.integers(1, 4),
    name=st.one_of(
        st.sampled_from(["start", "help", "stats", "privacy", "my_data", "delete_my_data"]),
        st.sampled_from(["exercises", "menu", "pain", "STATS", "Start@backcare_test_bot"]),
        st.text(max_size=30),
    ),
    args=st.one_of(st.just(""), odd_text),
)
def test_any_command_gets_a_sendable_reply(brain, user_id, name, args):
    runner, assistant = brain
    _assert_sendable(runner.run(assistant.reply(user_id, f"/{name} {args}")))


@EXAMPLES
@given(data=st.data(), user_id=st.integers(1, 4))
def test_any_button_press_gets_a_sendable_reply(brain, data, user_id):
    runner, assistant = brain
    name = data.draw(st.one_of(st.sampled_from(sorted(assistant.action_names())), st.text()))
    arg = data.draw(st.one_of(st.text(max_size=60), st.from_regex(r"[a-z_.0-9]{0,40}")))
    _assert_sendable(runner.run(assistant.press(user_id, Action(name, arg))))


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.from_regex(r"v1\|[a-z_]{1,20}\|.{0,50}", fullmatch=True),
        st.binary().map(lambda b: b.decode("latin-1")),
        st.none(),
        st.integers(),
    )
)
def test_the_codec_never_raises_on_forged_data(data):
    action = decode(data)
    assert action is None or (isinstance(action, Action) and len(encode(action)) <= MAX_BYTES)


@settings(max_examples=200, deadline=None)
@given(name=st.from_regex(r"[a-z_]{1,20}", fullmatch=True), arg=st.from_regex(r"[\w.:,+-]{0,40}"))
def test_every_encodable_action_survives_the_round_trip(name, arg):
    try:
        data = encode(Action(name, arg))
    except ValueError:
        return  # refused at encoding time, never sent
    assert len(data.encode()) <= MAX_BYTES and decode(data) == Action(name, arg)


@pytest.mark.parametrize(
    "text",
    [
        "ｈｏｗ ｏｆｔｅｎ ｓｈｏｕｌｄ Ｉ ｅｘｅｒｃｉｓｅ？",
        "how of\u200bten should\u200d I exer\ufeffcise",
        "\u202ehow often should I exercise\u202c",
        "how\x00 often should I exercise\x00",
        "how often should I exercise \U0001f4aa\U0001f3fd",
    ],
)
async def test_odd_unicode_still_finds_the_answer(assistant, text):
    reply = await assistant.reply(1, text)
    assert (reply.kind, reply.id) == ("faq", "how_often")


async def test_emoji_and_invisible_characters_alone_ask_for_words(assistant):
    for text in ("\U0001f600\U0001f525", "\u202e\u200b\x00"):
        reply = await assistant.reply(1, text)
        assert "didn't catch any words" in reply.text


async def test_a_message_over_telegrams_limit_is_read_in_part_and_answered(assistant):
    reply = await assistant.reply(1, "how often should I exercise? " + "blah " * 2000)
    assert "read the beginning" in reply.text
    assert all(len(outgoing.html) <= MESSAGE_LIMIT for outgoing in messages(reply))


async def test_forged_button_data_gets_this_button_has_expired(assistant):
    for data in ("v1|exercise|no_such_exercise", "v1|nosuchaction|", "v2|menu|", "x" * 300):
        action = decode(data)
        reply = assistant.expired() if action is None else await assistant.press(1, action)
        assert "expired" in reply.text
