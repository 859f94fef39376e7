"""Sentence and paragraph boundaries: the shipped article and small synthetic texts."""

from __future__ import annotations

import hashlib
import re

import pytest
from helpers import ARTICLE, ARTICLE_SHA256, SEED_ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.store.sentences import paragraphs, sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in sentences(text)]


# --- the shipped data file -------------------------------------------------------------------


def test_article_sha256_is_the_shipped_one() -> None:
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256


def test_article_equals_the_seed_byte_for_byte() -> None:
    if not SEED_ARTICLE.exists():
        pytest.skip(f"{SEED_ARTICLE} is not available here")
    assert hashlib.sha256(SEED_ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256
    assert ARTICLE.read_bytes() == SEED_ARTICLE.read_bytes()


# --- the shipped article ---------------------------------------------------------------------


def test_shipped_article_has_22_sentences(shipped_text: str) -> None:
    assert len(sentences(shipped_text)) == 22


def test_dateline_is_sentence_zero(shipped_text: str) -> None:
    start, end, paragraph = sentences(shipped_text)[0]
    assert shipped_text[start:end] == "date 2015-05-29 ASTANA. KAZINFORM -"
    assert paragraph == 0
    assert split(shipped_text)[1].startswith("The 42nd Session of the Council of Foreign")


def test_first_and_last_sentences(shipped_text: str) -> None:
    parts = split(shipped_text)
    assert parts[1].endswith("Mr. Askar Musinov.")
    assert parts[-1] == "Kazakhstan became OIC member in December 1995."
    assert (
        parts[-2]
        == "5 countries and 5 international organizations have observer status in the OIC."
    )


def test_shipped_paragraphs(shipped_text: str) -> None:
    assert len(paragraphs(shipped_text)) == 2
    numbers = [p for _, _, p in sentences(shipped_text)]
    assert numbers[:2] == [0, 0]
    assert set(numbers[2:]) == {1}


@pytest.mark.parametrize("name", ["Mr. A. Musinov", "A.Musinov", "Mr. Askar Musinov"])
def test_names_with_initials_are_never_split(shipped_text: str, name: str) -> None:
    spans = sentences(shipped_text)
    occurrences = [m.start() for m in re.finditer(re.escape(name), shipped_text)]
    assert occurrences, name
    for at in occurrences:
        inside = [s for s, e, _ in spans if s <= at and at + len(name) <= e]
        assert len(inside) == 1, f"{name!r} at {at} is split across sentences"


def test_no_shipped_sentence_ends_on_an_abbreviation_or_initial(shipped_text: str) -> None:
    for part in split(shipped_text):
        assert not re.search(r"(\bMr|\b[A-Z])\.$", part), part


def test_shipped_sentences_tile_the_text(shipped_text: str) -> None:
    spans = sentences(shipped_text)
    position = 0
    for start, end, _ in spans:
        assert shipped_text[position:start].strip() == ""
        assert start < end
        assert shipped_text[start:end] == shipped_text[start:end].strip()
        position = end
    assert shipped_text[position:].strip() == ""


# --- synthetic texts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith arrived. He sat down.", ["Dr. Smith arrived.", "He sat down."]),
        ("Mr. A. Musinov spoke. Then he left.", ["Mr. A. Musinov spoke.", "Then he left."]),
        (
            "Mrs. Jones and Prof. Lee met. They talked.",
            ["Mrs. Jones and Prof. Lee met.", "They talked."],
        ),
        ("See e.g. this case. And i.e. that one.", ["See e.g. this case.", "And i.e. that one."]),
        ("It is No. 5 in line. Good.", ["It is No. 5 in line.", "Good."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J. R. R. Tolkien wrote it. It sold.", ["J. R. R. Tolkien wrote it.", "It sold."]),
        ("Mr. A.Musinov held talks. They ended.", ["Mr. A.Musinov held talks.", "They ended."]),
        ("Plan B. Smith was there.", ["Plan B. Smith was there."]),
    ],
)
def test_initials_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        (
            'He left. "Why?" she asked. Nobody knew!',
            ["He left.", '"Why?" she asked.', "Nobody knew!"],
        ),
        ("(See above.) Next one.", ["(See above.)", "Next one."]),
        ("He said 'hi.' and left.", ["He said 'hi.' and left."]),
    ],
)
def test_quotes_and_brackets(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It grew. 5 countries joined.", ["It grew.", "5 countries joined."]),
        ("It cost 1.5 billion. Done.", ["It cost 1.5 billion.", "Done."]),
        ("Founded in 1969. 56 states joined.", ["Founded in 1969.", "56 states joined."]),
    ],
)
def test_digits_and_decimals(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_lowercase_continuation_is_not_a_new_sentence() -> None:
    assert split("It grew. the end.") == ["It grew. the end."]


def test_question_and_exclamation_marks() -> None:
    assert split("Why? Because! Fine.") == ["Why?", "Because!", "Fine."]


def test_paragraphs_number_sentences() -> None:
    text = "First one. Still first.\n\nSecond one.\n  \t\nThird."
    assert sentences(text) == [(0, 10, 0), (11, 23, 0), (25, 36, 1), (41, 47, 2)]
    assert paragraphs(text) == [(0, 23), (25, 36), (41, 47)]


def test_single_newline_ends_a_paragraph_unless_the_next_line_goes_on_in_lower_case() -> None:
    # Issue #16: news texts pasted from the web have one newline between paragraphs.
    assert [p for _, _, p in sentences("One.\nTwo.")] == [0, 1]
    assert split("One.\nTwo.") == ["One.", "Two."]
    assert [p for _, _, p in sentences("It was held\nin Kuwait. Fine.")] == [0, 0]


def test_crlf_paragraphs() -> None:
    assert [
        (t, p)
        for t, (_, _, p) in zip(split("A.\r\n\r\nB."), sentences("A.\r\n\r\nB."), strict=True)
    ] == [
        ("A.", 0),
        ("B.", 1),
    ]


def test_dateline_on_synthetic_text() -> None:
    text = "date 2020-01-02 NUR-SULTAN. KAZINFORM - Text here. More."
    assert split("date 2020-01-02 ASTANA. KAZINFORM - Text here. More.") == [
        "date 2020-01-02 ASTANA. KAZINFORM -",
        "Text here.",
        "More.",
    ]
    # Not a dateline (a hyphenated place): the text still splits without losing characters.
    assert "".join(split(text)).replace(" ", "") == text.replace(" ", "")


def test_whitespace_and_empty_texts() -> None:
    assert sentences("") == []
    assert sentences("  \n\n  ") == []
    assert split("  lead space. Tail  ") == ["lead space.", "Tail"]
    assert split("No terminal punctuation") == ["No terminal punctuation"]


def test_the_word_no_ends_a_sentence() -> None:
    assert split("He said no. She left.") == ["He said no.", "She left."]


# --- invariants on arbitrary text --------------------------------------------------------------

_ALPHABET = st.sampled_from([*"aAbZ5 .\n\"'()?!-", "Mr.", "A.", "e.g.", "\n\n", " date "])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_sentences_are_ordered_trimmed_and_lose_no_text(text: str) -> None:
    spans = sentences(text)
    paras = paragraphs(text)
    position = 0
    for start, end, paragraph in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        para_start, para_end = paras[paragraph]
        assert para_start <= start and end <= para_end
        position = end
    assert text[position:].strip() == ""
