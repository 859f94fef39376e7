"""Fidelity: the store says only what the article says, in automatic links, labels and dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import SEED_ID, annotation_path, append_record, build_problems, replace_once

from oic_tui.corpus.fidelity import STATUS_VERBS
from oic_tui.corpus.folder import compile_corpus
from oic_tui.present.attributes import record_attributes
from oic_tui.search.service import search
from oic_tui.store.mentions import AliasIndex, quotes_name, store_alias_index
from oic_tui.store.models import DateValue
from oic_tui.store.reader import Store, data_dir

SESSION_EVENTS = (
    "event.debate",
    "event.musinov-address",
    "event.special-session",
    "event.resolutions-adopted",
    "event.bilateral-meetings",
    "event.secretary-general-meeting",
)
COUNTRY_TOPICS = {
    "topic.yemen": "entity.yemen",
    "topic.syria": "entity.syria",
    "topic.libya": "entity.libya",
    "topic.iraq": "entity.iraq",
}


def get(store: Store, record_id: str) -> Any:
    record = store.get(record_id)
    assert record is not None, record_id
    return record


def quotes(store: Store, record_id: str) -> list[str]:
    return [span.quote for span in get(store, record_id).sources]


# --- 1. Automatic entity links ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # The IOFS plus a head noun names the IOFS; the OIC Member States it does not name.
        ("discussed increasing the number of IOFS Member States", {"iofs"}),
        ("the delegations of the OIC Member States exchanged views", {"members"}),
        ("Member States presented positions", {"members"}),
        ("In the OIC CFM resolutions", {"cfm"}),
        ("Currently, the OIC has 56 member states", {"oic"}),
        ("The OIC General Secretariat is located in Jeddah", {"secretariat"}),
        ("Mr. A.Musinov held bilateral meetings", {"musinov"}),
        ("Kazakhstan's proposals", {"kazakhstan"}),
        ("date 2015-05-29 ASTANA. KAZINFORM -", {"astana"}),
        # Office words before a name that ends the run: the office's holder is named.
        ("the proposal of President Nazarbayev to create", {"nazarbayev"}),
        ("Foreign Minister Kairat Abdrakhmanov welcomed", {"abdrakhmanov"}),
        # Not a name with words of no office before it.
        ("the Nazarbayev University Library opened", set()),
        ("the Astana Nazarbayev Centre", set()),
    ],
)
def test_an_alias_inside_a_longer_name_does_not_count(text: str, named: set[str]) -> None:
    index = AliasIndex(
        [
            ("members", ["OIC Member States", "Member States"]),
            ("iofs", ["IOFS"]),
            ("oic", ["OIC"]),
            ("cfm", ["OIC CFM", "CFM"]),
            ("secretariat", ["OIC General Secretariat", "General Secretariat"]),
            ("musinov", ["Mr. A.Musinov", "A.Musinov", "Musinov"]),
            ("kazakhstan", ["Kazakhstan"]),
            ("astana", ["ASTANA", "Astana"]),
            ("nazarbayev", ["Nursultan Nazarbayev", "Nazarbayev"]),
            ("abdrakhmanov", ["Kairat Abdrakhmanov"]),
        ]
    )
    assert index.named_entities(text) == named


def test_iofs_member_states_are_not_oic_member_states(shipped_store: Store) -> None:
    backlinks = {r.id for r in shipped_store.mentioning("entity.oic-member-states")}
    assert "initiative.iofs" not in backlinks
    assert "topic.food-security" not in backlinks
    # The bare alias still names them where it stands alone.
    assert "topic.peace-and-stability" in backlinks
    assert "Member States" in get(shipped_store, "entity.oic-member-states").aliases


def test_every_automatic_link_is_named_in_a_quote() -> None:
    result = compile_corpus(data_dir())
    records = {row["id"]: row for row in result.store["records"].values()}
    entities = [(row["id"], row["aliases"]) for row in records.values() if row["kind"] == "entity"]
    index = AliasIndex(entities)
    curated = curated_entities()
    added = 0
    for record_id, row in records.items():
        text = " \n ".join(span["quote"] for span in row["sources"])
        for entity_id in set(row["entities"]) - curated.get(record_id, set()):
            added += 1
            assert entity_id in index.named_entities(text), (record_id, entity_id)
    assert added > 20  # the rule links, it is not merely vacuous


def curated_entities() -> dict[str, set[str]]:
    """Entities each record links to in the TOML, before automatic linking."""
    import tomllib

    found: dict[str, set[str]] = {}
    for path in data_dir().glob("**/*.toml"):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        for row in table.get("record", []):
            found[row["id"]] = set(row.get("entities", []))
    return found


def test_list_items_are_quoted_on_their_own(shipped_store: Store) -> None:
    for record_id in ("initiative.expo-2017", "entity.expo-2017"):
        assert "entity.cica" not in get(shipped_store, record_id).entities
        assert all("CICA" not in q for q in quotes(shipped_store, record_id))
    assert "entity.expo-2017" in get(shipped_store, "initiative.expo-2017").entities


def test_a_shared_list_quote_makes_the_build_warn(data_copy: Path) -> None:
    assert compile_corpus(data_copy).warnings == []
    replace_once(
        annotation_path(data_copy, "initiatives"),
        """{ text = '"EXPO-2017"', nth = 1 }, 'arranging""",
        """'support of the CICA and "EXPO-2017"', 'arranging""",
    )
    append_record(
        data_copy,
        "topics",
        '[[record]]\nid = "topic.cica-and-expo"\ntitle = "CICA and EXPO"\n'
        'category = "diplomacy"\ntext = "Test record."\n'
        """quotes = ['support of the CICA and "EXPO-2017"']\n""",
    )
    warnings = compile_corpus(data_copy).warnings
    assert len(warnings) == 1
    assert "CICA" in warnings[0] and "EXPO-2017" in warnings[0]
    assert "initiative.expo-2017" in warnings[0] and "topic.cica-and-expo" in warnings[0]


@pytest.mark.parametrize("topic", sorted(COUNTRY_TOPICS))
def test_each_country_topic_links_its_own_country(shipped_store: Store, topic: str) -> None:
    record = get(shipped_store, topic)
    countries = set(COUNTRY_TOPICS.values())
    assert countries & set(record.entities) == {COUNTRY_TOPICS[topic]}
    assert set(record.related) >= set(COUNTRY_TOPICS) - {topic}


# --- 2. Labels ------------------------------------------------------------------------------------


def test_no_title_claims_a_plan(shipped_store: Store) -> None:
    assert [r.id for r in shipped_store.records if "planned" in r.title.lower()] == []
    for record_id in ("event.iofs-general-assembly", "event.agriculture-ministers"):
        assert "(arranging discussed)" in get(shipped_store, record_id).title
        assert any("arranging" in q for q in quotes(shipped_store, record_id))


def test_labels_say_what_the_article_says(shipped_store: Store) -> None:
    iofs = get(shipped_store, "initiative.iofs")
    assert "headquartered" not in iofs.title
    assert iofs.title == "Establishment of the IOFS with headquarters in Astana"
    assert get(shipped_store, "entity.cica").entity_type == "not stated"
    position = quotes(shipped_store, "initiative.terrorism-position")
    assert any("highlighting the importance of combating the causes" in q for q in position)


def test_the_call_for_support_is_not_placed_in_the_address(shipped_store: Store) -> None:
    for record_id in ("initiative.unsc-bid", "topic.unsc-candidacy"):
        assert "Kazakhstan's address" not in get(shipped_store, record_id).venues
    address = get(shipped_store, "event.musinov-address")
    assert all("called on" not in q for q in quotes(shipped_store, address.id))
    assert "called on" not in address.text and "Security Council" not in address.text


def test_the_vision_topic_names_who_presented_it(shipped_store: Store) -> None:
    topic = get(shipped_store, "topic.muslim-ummah")
    assert topic.category != "institutional"
    assert {"entity.kazakhstan", "entity.musinov"} <= set(topic.entities)
    index = store_alias_index(shipped_store)
    for entity_id in ("entity.kazakhstan", "entity.musinov"):
        assert quotes_name(topic, get(shipped_store, entity_id), index)


# --- 3. Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", SESSION_EVENTS)
def test_happenings_of_the_session_are_within_its_days(
    shipped_store: Store, record_id: str
) -> None:
    date = get(shipped_store, record_id).date
    assert date == DateValue("2015-05-27", "2015-05-28", "within")
    assert date.display() == "during 27–28 May 2015"
    assert date.compact() == "in 27–28 May 2015"
    attributes = dict(record_attributes(get(shipped_store, record_id), {}))
    assert attributes["Date"] == "during 27–28 May 2015 (at some time within this range)"


def test_the_session_itself_spans_its_days(shipped_store: Store) -> None:
    assert get(shipped_store, "event.session").date == DateValue(
        "2015-05-27", "2015-05-28", "day-range"
    )


def test_within_sorts_with_its_range_and_searches_by_year(shipped_store: Store) -> None:
    order = [r.id for r in shipped_store.by_kind("event")]
    assert order.index("event.session") < order.index("event.debate")
    in_2015 = {h.record.id for h in search(shipped_store, "year:2015")}
    assert set(SESSION_EVENTS) <= in_2015
    assert DateValue("2017", "2018", "within").display() == "during 2017–2018"


def test_within_needs_a_range(tmp_path: Path) -> None:
    from oic_tui.store.dates import check_date

    check_date("2015-05-27", "2015-05-28", "within")
    check_date("2017", "2018", "within")
    for start, end in (("2015-05-27", "2015-05-27"), ("2015-05", "2015-06"), ("2015", "2015-05")):
        with pytest.raises(ValueError):
            check_date(start, end, "within")


# --- 6. Nuance ------------------------------------------------------------------------------------


def test_nuance_is_kept(shipped_store: Store) -> None:
    condemnation = quotes(shipped_store, "event.condemnation")
    assert condemnation == [
        "They also expressed a strong condemnation of terrorism and extremism in all its forms "
        "and aspects."
    ]
    meeting = " ".join(quotes(shipped_store, "event.secretary-general-meeting"))
    assert "including increasing the number of IOFS Member States" in meeting
    assert "the 7th Meeting of Ministers of Agriculture of the OIC" in meeting
    address = " ".join(quotes(shipped_store, "event.musinov-address"))
    assert "actual" in address and "in the near future" in address
    assert "actual" in get(shipped_store, "event.musinov-address").text


def test_muslim_countries_and_the_un_are_entities(shipped_store: Store) -> None:
    muslim = get(shipped_store, "entity.muslim-countries")
    assert len(muslim.sources) == 3
    mentioning = {r.id for r in shipped_store.mentioning("entity.muslim-countries")}
    assert {"topic.isis", "initiative.unsc-bid", "topic.peace-and-stability"} <= mentioning
    assert "this universal organization" in get(shipped_store, "entity.un").aliases
    assert "initiative.unsc-bid" in {r.id for r in shipped_store.mentioning("entity.un")}


# --- 7. Rules the build enforces ------------------------------------------------------------------


def test_a_status_needs_its_verb_in_a_quote(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "initiatives"),
        "quotes = [\"In the OIC CFM resolutions participants supported Kazakhstan's proposals "
        'relating to the former Semipalatinsk nuclear test site"]',
        "quotes = [\"Kazakhstan's proposals relating to the former Semipalatinsk "
        'nuclear test site"]',
    )
    problems = build_problems(data_copy)
    assert problems == [
        "annotations/initiatives.toml: initiative initiative.semipalatinsk: "
        "status 'supported in the resolutions' needs one of "
        "supported in a quote"
    ]


def test_every_status_word_is_documented() -> None:
    # The rules the build enforces are in docs/corpus.md, each status with its verbs.
    corpus_md = (data_dir().parent / "docs" / "corpus.md").read_text(encoding="utf-8")
    rules = corpus_md.split("## Rules the build enforces")[1].split("\n## ")[0]
    for status, verbs in STATUS_VERBS.items():
        assert f"`{status}`" in rules
        assert all(f'"{verb}"' in rules for verb in verbs)


def test_a_title_may_not_claim_a_plan(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "events"),
        '(arranging discussed)"\ntext = "Arranging the founding',
        '(planned)"\ntext = "Arranging the founding',
    )
    problems = build_problems(data_copy)
    assert problems == [
        f"documents/{SEED_ID}/events.toml: event event.iofs-general-assembly: "
        "title says 'planned', but no quote has plan, "
        "planned, will be"
    ]


def test_a_date_precision_needs_its_quote(data_copy: Path) -> None:
    path = annotation_path(data_copy, "events")
    text = path.read_text(encoding="utf-8")
    block = text.split('id = "event.debate"')[1].split("[[record]]")[0]
    path.write_text(
        text.replace(block, block.replace('precision = "within"', 'precision = "day-range"')),
        encoding="utf-8",
    )
    problems = build_problems(data_copy)
    assert problems == [
        f"documents/{SEED_ID}/events.toml: event event.debate: precision 'day-range' needs "
        "2015, 27, 28 in a quote"
    ]


def test_check_is_clean_and_covers_every_sentence(cli: Any) -> None:
    status, out, _ = cli("check")
    assert status == 0
    assert "22/22 (100%)" in out
    assert out.rstrip().endswith(", 0 problems")
    assert not any(line.startswith("problem:") for line in out.splitlines())


# --- 4. One meaning per attribute; 5. the IOFS row ------------------------------------------------


def attributes(store: Store, record_id: str) -> dict[str, str]:
    record = get(store, record_id)
    names = {r.id: r.title for r in store.resolve(record.by)}
    return dict(record_attributes(record, names))


def test_proposer_and_presenter_are_different_attributes(shipped_store: Store) -> None:
    aral = attributes(shipped_store, "initiative.aral-sea")
    assert aral["Proposed by"] == "Kazakhstan" and "Presented by" not in aral
    vision = attributes(shipped_store, "initiative.vision")
    assert vision["Presented by"] == "Askar Musinov"
    assert vision["Proposed by"] == "not stated in the article"
    bid = attributes(shipped_store, "initiative.unsc-bid")
    assert (bid["Proposed by"], bid["Presented by"]) == ("Kazakhstan", "Askar Musinov")
    assert all(
        "Put forward by" not in attributes(shipped_store, r.id) for r in shipped_store.records
    )


@pytest.mark.parametrize("role", ["proposed_by", "presented_by", "promoted_by"])
def test_every_role_is_named_in_a_quote(shipped_store: Store, role: str) -> None:
    index = store_alias_index(shipped_store)
    checked = 0
    for record in shipped_store.by_kind("initiative"):
        for entity_id in getattr(record, role):
            # The build's own rule, stricter than the views' `quotes_name`.
            named = index.named_entities((span.doc, span.quote) for span in record.sources)
            assert entity_id in named, (record.id, role)
            checked += 1
    # The shipped data names no promoter (issue #24): nobody is said to have advanced the IOFS.
    assert checked or role == "promoted_by"


def test_a_role_not_named_in_the_quotes_is_refused(data_copy: Path) -> None:
    replace_once(
        annotation_path(data_copy, "initiatives"),
        'id = "initiative.iofs"\n',
        'id = "initiative.iofs"\npromoted_by = ["entity.kazakhstan-delegation"]\n',
    )
    assert build_problems(data_copy) == [
        "annotations/initiatives.toml: initiative initiative.iofs: "
        "promoted_by entity.kazakhstan-delegation is named in none "
        "of its quotes"
    ]


def test_the_iofs_row_leaves_its_missing_proposer_to_the_page(shipped_store: Store) -> None:
    from oic_tui.present.attributes import basis_parts

    def initiative_basis(record: Any, names: dict[str, str]) -> str:
        return "; ".join(basis_parts(record, names))

    iofs = get(shipped_store, "initiative.iofs")
    names = {r.id: r.title for r in shipped_store.resolve(iofs.by)}
    # Its sources name no proposer: the page says so, the row has nothing to add (#27).
    assert initiative_basis(iofs, names) == ""
    details = attributes(shipped_store, "initiative.iofs")
    assert details["Proposed by"] == "not stated in the article"
    assert "Promoted by" not in details
    joined = " ".join(quotes(shipped_store, "initiative.iofs"))
    assert "Mr. A.Musinov held bilateral meetings" in joined
    assert "and also such initiatives as" in joined
    others = [r for r in shipped_store.by_kind("initiative") if r.id != iofs.id]
    assert all(initiative_basis(r, {}) == "" for r in others)


async def test_the_iofs_pane_row_leads_with_its_status_and_title(pilot: Any, app: Any) -> None:
    from oic_tui.tui.widgets.record_list import RecordList

    pane = app.main_screen.query_one("#initiative", RecordList)
    rows = dict(zip([r.id for r in pane.records], pane.row_texts(), strict=True))
    # The status, then the title (a narrow pane cuts its end), the date after it.
    assert rows["initiative.iofs"] == (
        "supported  Establishment of the IOFS with headquarters in Astana (in 27–28 May 2015)"
    )
    assert all("proposer not stated" not in text for text in rows.values())
