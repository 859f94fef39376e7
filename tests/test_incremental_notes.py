"""The draft notes' index (oic_tui/corpus/named_index.py): the ids each message names, as
its regular expression says, found for many ids at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oic_tui.corpus.named_index import NamedIndex, names

# Characters of ids and of the messages about them, and some that are neither.
_ALPHABET = "ab1_.-é :'()/,"
_ids = st.text(alphabet=_ALPHABET, min_size=1, max_size=6)
_messages = st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=8)


@settings(max_examples=400, deadline=None)
@given(_messages, st.lists(_ids, min_size=1, max_size=6))
def test_the_index_names_what_the_regular_expression_names(
    messages: list[str], ids: list[str]
) -> None:
    index = NamedIndex(messages)
    for record_id in ids:
        expected = [n for n, message in enumerate(messages) if names(message, record_id)]
        assert index.naming(record_id) == expected


@settings(max_examples=200, deadline=None)
@given(_messages, st.data())
def test_every_part_of_a_message_that_could_be_an_id_is_checked(
    messages: list[str], data: st.DataObject
) -> None:
    """Ids drawn from the messages themselves: the matches that matter are near misses."""
    text = " ".join(messages)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    record_id = text[start:end]
    expected = [n for n, message in enumerate(messages) if names(message, record_id)]
    assert NamedIndex(messages).naming(record_id) == expected


def test_a_build_warning_names_its_record_not_a_longer_one() -> None:
    warnings = [
        "documents/d/topics.toml: draft topic topic.d.s1: title says 'planned'",
        "documents/d/topics.toml: draft topic topic.d.s1-b: status 'held' needs held",
        "documents/d/events.toml: quote lists A, B and is the source of topic.d.s1.",
    ]
    index = NamedIndex(warnings)
    assert index.messages_naming("topic.d.s1") == [warnings[0], warnings[2]]
    assert index.naming("topic.d.s1-b") == [1]
    assert index.naming("topic.d") == []
