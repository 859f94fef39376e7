"""Reading a news text: metadata from each dateline shape, and sentences that survive it."""

from __future__ import annotations

import datetime
import time
import tomllib

import pytest
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.ingest.datelines import TextMeta, read_text_meta
from oic_tui.store.sentences import paragraphs, sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in sentences(text)]


def dateline(meta: TextMeta, text: str) -> str:
    assert meta.dateline_start >= 0, meta
    return text[meta.dateline_start : meta.dateline_end]


# TEST DATA: short fictional articles written for these tests, one per dateline shape.
KAZINFORM = (
    "date 2016-10-20 ASTANA. KAZINFORM - The 43rd Session of the OIC CFM was held in "
    "Tashkent. Mr. A. Musinov spoke.\n\nThe OIC has 57 member states."
)
DATE_LINE = "date 2016-10-20\nASTANA. KAZINFORM - The session opened. It ended."
HEADLINE = (
    "Kazakhstan and the IOFS: a year of work\n"
    "13 December 2019, 07:40\n"
    "NUR-SULTAN. KAZINFORM - Mr. A. Musinov informed the participants. They agreed.\n"
    "Photo credit: Kazinform\n"
)
EN_DASH = "ASTANA. KAZINFORM – The delegation arrived in Jeddah. Talks began."
MONTH_DAY = "ASTANA. May 29. KAZINFORM - The council met in Kuwait. It adopted 90 resolutions."
WIRE = "DHAKA, May 7, 2018 (Test Wire) - The ministers met in Dhaka. They left on May 8."
CITIES = "ALMATY-ASTANA - A new train links the two cities. It runs daily."
NO_DATELINE = "Kazakhstan proposed a new forum. The OIC welcomed it."

# (text, date, place, publisher, title, the dateline as quoted, its problem or "")
SHAPES = [
    (KAZINFORM, "2016-10-20", "Astana", "Kazinform", "", "date 2016-10-20 ASTANA. KAZINFORM -", ""),
    (
        DATE_LINE,
        "2016-10-20",
        "Astana",
        "Kazinform",
        "",
        "date 2016-10-20\nASTANA. KAZINFORM -",
        "",
    ),
    (
        HEADLINE,
        "2019-12-13",
        "Nur-Sultan",
        "Kazinform",
        "Kazakhstan and the IOFS: a year of work",
        "13 December 2019, 07:40\nNUR-SULTAN. KAZINFORM -",
        "",
    ),
    (EN_DASH, "", "Astana", "Kazinform", "", "ASTANA. KAZINFORM –", "give --date"),
    (MONTH_DAY, "", "Astana", "Kazinform", "", "ASTANA. May 29. KAZINFORM -", "no year"),
    (WIRE, "2018-05-07", "Dhaka", "Test Wire", "", "DHAKA, May 7, 2018 (Test Wire) -", ""),
    (CITIES, "", "Almaty-Astana", "", "", "ALMATY-ASTANA -", "give --date"),
]


@pytest.mark.parametrize(
    ("text", "date", "place", "publisher", "title", "quote", "problem"), SHAPES
)
def test_each_dateline_shape_is_read(
    text: str, date: str, place: str, publisher: str, title: str, quote: str, problem: str
) -> None:
    meta = read_text_meta(text)
    assert (meta.date, meta.place, meta.publisher, meta.title) == (date, place, publisher, title)
    assert dateline(meta, text) == quote
    if problem:
        assert problem in meta.problem and "\n" not in meta.problem
    else:
        assert meta.problem == ""


@pytest.mark.parametrize(
    ("text", "date", "place", "publisher", "title", "quote", "problem"), SHAPES
)
def test_a_bom_before_the_first_line_is_no_character(
    text: str, date: str, place: str, publisher: str, title: str, quote: str, problem: str
) -> None:
    meta = read_text_meta("\ufeff" + text)
    assert (meta.date, meta.place, meta.publisher, meta.title) == (date, place, publisher, title)
    # Offsets stay those of the text given, BOM and all.
    assert dateline(meta, "\ufeff" + text) == quote


def test_a_month_and_day_without_a_year_asks_for_the_date() -> None:
    assert read_text_meta(MONTH_DAY).problem == (
        "the dateline gives a month and day but no year: give --date YYYY-MM-DD"
    )
    meta = read_text_meta(MONTH_DAY, "2015-05-29")
    assert (meta.date, meta.place, meta.problem) == ("2015-05-29", "Astana", "")
    assert dateline(meta, MONTH_DAY) == "ASTANA. May 29. KAZINFORM -"


def test_no_dateline_needs_a_date() -> None:
    meta = read_text_meta(NO_DATELINE)
    assert meta == TextMeta(problem="no dateline with a date: give --date YYYY-MM-DD")
    meta = read_text_meta(NO_DATELINE, "2021-03")
    assert (meta.date, meta.problem, meta.dateline_start) == ("2021-03", "", -1)


@pytest.mark.parametrize("hint", ["2001-02-03", "2001-02", "2001"])
def test_a_date_hint_wins_over_the_text_which_still_gives_the_dateline(hint: str) -> None:
    for text, *_ in SHAPES:
        meta = read_text_meta(text, hint)
        assert (meta.date, meta.problem) == (hint, "")
        assert meta.dateline_start >= 0


@pytest.mark.parametrize("hint", ["2001-02-30", "2001-13", "01-02-2001", "yesterday", "2001-2-3"])
def test_a_date_hint_that_is_not_a_date_is_a_problem(hint: str) -> None:
    meta = read_text_meta(WIRE, hint)
    assert "--date" in meta.problem and meta.date == "2018-05-07"


def test_a_date_that_is_not_in_the_calendar_is_a_problem_not_a_date() -> None:
    meta = read_text_meta("date 2015-02-30 ASTANA. KAZINFORM - Text.")
    assert meta.date == "" and "not a calendar date" in meta.problem
    assert read_text_meta("30 February 2015\nASTANA. KAZINFORM - Text.").date == ""


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("13 December 2019, 07:40", "2019-12-13"),
        ("December 13, 2019", "2019-12-13"),
        ("Friday, 13 Dec 2019 07:40", "2019-12-13"),
        ("13.12.2019, 07:40", "2019-12-13"),
        ("2019-12-13 07:40", "2019-12-13"),
    ],
)
def test_time_stamp_lines(stamp: str, date: str) -> None:
    text = f"A headline\n{stamp}\nNUR-SULTAN. KAZINFORM - Body text."
    meta = read_text_meta(text)
    assert (meta.date, meta.title, meta.place) == (date, "A headline", "Nur-Sultan")


def test_a_first_line_is_a_headline_only_before_a_time_stamp_or_the_dateline() -> None:
    assert read_text_meta("A headline\nASTANA. KAZINFORM - Body.").title == "A headline"
    assert read_text_meta("date 2016-10-20\nA body line.\nMore body.").title == ""
    wire_with_region = read_text_meta("DHAKA, Bangladesh (AP) — The ministers met.")
    assert (wire_with_region.place, wire_with_region.publisher) == ("Dhaka", "AP")


def test_the_dateline_a_document_gives_matches_its_document_toml() -> None:
    folders = [*sorted((ROOT / "tests" / "corpus" / "documents").iterdir())]
    folders += sorted((ROOT / "data" / "documents").iterdir())
    for folder in folders:
        document = tomllib.loads((folder / "document.toml").read_text(encoding="utf-8"))
        meta = read_text_meta((folder / document["file"]).read_text(encoding="utf-8"))
        assert (meta.date, meta.place, meta.problem) == (document["date"], document["place"], "")


# --- the dateline is a sentence of its own ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (KAZINFORM, ["date 2016-10-20 ASTANA. KAZINFORM -", "The 43rd Session of the OIC CFM"]),
        (DATE_LINE, ["date 2016-10-20", "ASTANA. KAZINFORM -", "The session opened."]),
        (
            HEADLINE,
            [
                "Kazakhstan and the IOFS: a year of work",
                "13 December 2019, 07:40",
                "NUR-SULTAN. KAZINFORM -",
                "Mr. A. Musinov informed the participants.",
            ],
        ),
        (EN_DASH, ["ASTANA. KAZINFORM –", "The delegation arrived in Jeddah."]),
        (MONTH_DAY, ["ASTANA. May 29. KAZINFORM -", "The council met in Kuwait."]),
        (CITIES, ["ALMATY-ASTANA -", "A new train links the two cities."]),
        (WIRE, ["DHAKA, May 7, 2018 (Test Wire) -", "The ministers met in Dhaka."]),
        (
            "DHAKA, Bangladesh (AP) — The ministers met.",
            ["DHAKA, Bangladesh (AP) —", "The ministers met."],
        ),
        # Not datelines: what follows goes on in lower case.
        ("Astana, the capital (of Kazakhstan) - is big. Yes.", ["Astana, the capital (of"]),
        ("ASTANA - is big. Yes.", ["ASTANA - is big.", "Yes."]),
    ],
)
def test_the_dateline_is_split_off(text: str, expected: list[str]) -> None:
    parts = split(text)
    assert [p[: len(e)] for p, e in zip(parts, expected, strict=False)] == expected
    meta = read_text_meta(text)
    if meta.dateline_start >= 0 and "\n" not in dateline(meta, text):
        assert dateline(meta, text) == parts[0]


def test_a_caption_line_is_its_own_paragraph() -> None:
    assert split(HEADLINE)[-1] == "Photo credit: Kazinform"
    assert len(paragraphs(HEADLINE)) == 4


# --- tricky sentences --------------------------------------------------------------------------

TRICKY = [
    # Titles and initials.
    (
        "H.E. Mr. Askar Musinov met H.E. The President. He left.",
        ["H.E. Mr. Askar Musinov met H.E. The President.", "He left."],
    ),
    (
        "Mr. A.Musinov and Dr. B. Smith met. They agreed.",
        ["Mr. A.Musinov and Dr. B. Smith met.", "They agreed."],
    ),
    (
        "Gen. Lee and Prof. J. R. Doe spoke. Sen. Roe left.",
        ["Gen. Lee and Prof. J. R. Doe spoke.", "Sen. Roe left."],
    ),
    # Dotted acronyms and `etc.` end a sentence only before a usual opener.
    (
        "He lives in the U.S. The talks ended. U.S. President Obama spoke.",
        ["He lives in the U.S.", "The talks ended.", "U.S. President Obama spoke."],
    ),
    (
        "It ended at 7 p.m. The guests left. They met at 5 p.m. on Monday.",
        ["It ended at 7 p.m.", "The guests left.", "They met at 5 p.m. on Monday."],
    ),
    (
        "Apples, pears etc. and more. Apples etc. The end.",
        ["Apples, pears etc. and more.", "Apples etc.", "The end."],
    ),
    # Numbers.
    (
        "The OIC has 1.5 billion people. It grew by 3.2% in 2019. No. 5 is next.",
        ["The OIC has 1.5 billion people.", "It grew by 3.2% in 2019.", "No. 5 is next."],
    ),
    (
        "Talks on Dec. 5 and Sept. 9 were held. Art. 3 applies.",
        ["Talks on Dec. 5 and Sept. 9 were held.", "Art. 3 applies."],
    ),
    ("It was founded in 1969. 57 states joined.", ["It was founded in 1969.", "57 states joined."]),
    # Quotes, guillemets and brackets open sentences.
    (
        "He said: «Go.» «Why?» she asked. Nobody knew.",
        ["He said: «Go.»", "«Why?» she asked.", "Nobody knew."],
    ),
    (
        'It ended. “Fine,” he said. "Yes." (See above.) [Note.] Next.',
        ["It ended.", "“Fine,” he said.", '"Yes."', "(See above.)", "[Note.]", "Next."],
    ),
    ("He waited… Then he left.", ["He waited…", "Then he left."]),
]


@pytest.mark.parametrize(("text", "expected"), TRICKY)
def test_tricky_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "numbers"),
    [
        ("One.\nTwo.", ["One.", "Two."], [0, 1]),
        ("A headline\nThe text.", ["A headline", "The text."], [0, 1]),
        ("It was held\nin Kuwait. Fine.", ["It was held\nin Kuwait.", "Fine."], [0, 0]),
        (
            "It ended.\nPhoto: Akorda.kz\nThe next.",
            ["It ended.", "Photo: Akorda.kz", "The next."],
            [0, 1, 2],
        ),
        ("Source: Kazinform. MFA\nthe end.", ["Source: Kazinform. MFA", "the end."], [0, 1]),
        ("One.\r\nTwo.\r\n\r\nThree.", ["One.", "Two.", "Three."], [0, 1, 2]),
    ],
)
def test_paragraphs_on_single_newlines_and_captions(
    text: str, expected: list[str], numbers: list[int]
) -> None:
    assert split(text) == expected
    assert [p for _, _, p in sentences(text)] == numbers


def test_a_hundred_texts_of_five_thousand_characters_split_fast() -> None:
    body = " ".join(
        [*(t for t, _ in TRICKY), *(shape[0] for shape in SHAPES), "Photo: Kazinform\nThe end.\n"]
        * 9
    )
    texts = [(HEADLINE + body)[i : i + 5000] for i in range(100)]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            sentences(text)
            read_text_meta(text)
        best = min(best, time.perf_counter() - started)
    assert best < 0.3


# --- invariants on any text ---------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"aAbZ5 .,:\n\"'()[]?!-–«»“”…%\r\t\u2028",
        "Mr.",
        "H.E.",
        "U.S.",
        "A.",
        "No. ",
        "1.5",
        "\n\n",
        "date 2015-05-29 ",
        "ASTANA. ",
        "KAZINFORM - ",
        "May 29. ",
        "DHAKA, May 7, 2018 (Wire) - ",
        "ALMATY-ASTANA - ",
        "13 December 2019, 07:40\n",
        "Photo credit: ",
        "The ",
    ]
)
_TEXTS = st.one_of(st.lists(_PIECES, max_size=50).map("".join), st.text(max_size=200))


@settings(max_examples=400, deadline=None, database=None)
@given(_TEXTS)
def test_sentences_are_ordered_trimmed_and_within_their_paragraphs(text: str) -> None:
    spans = sentences(text)
    paras = paragraphs(text)
    position = 0
    for start, end, number in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        para_start, para_end = paras[number]
        assert para_start <= start and end <= para_end
        position = end
    assert text[position:].strip() == ""
    assert sorted({n for _, _, n in spans}) == list(range(len(paras)))


@settings(max_examples=400, deadline=None, database=None)
@given(_TEXTS, st.one_of(st.just(""), st.sampled_from(["2015-05-29", "2015", "x"]), st.text()))
def test_read_text_meta_never_raises_and_quotes_verbatim(text: str, hint: str) -> None:
    meta = read_text_meta(text, hint)
    assert (meta.dateline_start == -1) == (meta.dateline_end == -1)
    if meta.dateline_start >= 0:
        assert 0 <= meta.dateline_start < meta.dateline_end <= len(text)
        quote = text[meta.dateline_start : meta.dateline_end]
        assert quote == quote.strip()
    if meta.date:
        parts = [*meta.date.split("-"), "01", "01"]
        datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
    assert bool(meta.date) or bool(meta.problem)
    assert "\n" not in meta.problem + meta.title + meta.place + meta.publisher


def test_the_shipped_article_reads_as_its_document_says(shipped_text: str) -> None:
    meta = read_text_meta(shipped_text)
    assert (meta.date, meta.place, meta.publisher) == ("2015-05-29", "Astana", "Kazinform")
    first = sentences(shipped_text)[0]
    assert (meta.dateline_start, meta.dateline_end) == first[:2]
