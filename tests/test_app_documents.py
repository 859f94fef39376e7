"""The explorer across a corpus's documents: the picker (`d`), the scope of the panes and
search, the timeline by year with each row's document, initiatives' latest steps."""

from __future__ import annotations

from helpers import SIZE, pane, results_list, settled, shown, typed, wait_until
from textual.pilot import Pilot

from oic_tui.search.service import search
from oic_tui.store.reader import Store
from oic_tui.tui.app import OicApp, create_app
from oic_tui.tui.screens.documents import ALL, DocumentsScreen
from oic_tui.tui.screens.main import PANE_KINDS

DHAKA = "test-cfm45-dhaka-2018"
SEED = "kazinform-2015-05-29"
IN_DATE_ORDER = ["test-cfm38-astana-2011", SEED, DHAKA, "test-iofs-2020"]


def oic(pilot: Pilot[None]) -> OicApp:
    assert isinstance(pilot.app, OicApp)
    return pilot.app


async def open_picker(pilot: Pilot[None]) -> DocumentsScreen:
    await typed(pilot, "d")
    screen = pilot.app.screen
    assert isinstance(screen, DocumentsScreen)
    return screen


async def choose(pilot: Pilot[None], *filter_keys: str) -> None:
    """Open the picker, type a filter, take the first entry."""
    await open_picker(pilot)
    await typed(pilot, *filter_keys, "enter")
    assert not isinstance(pilot.app.screen, DocumentsScreen)


async def test_picker_lists_every_document_with_its_facts(corpus_pilot: Pilot[None]) -> None:
    store = oic(corpus_pilot).store
    assert store is not None
    picker = await open_picker(corpus_pilot)
    assert picker.entries == [ALL, *IN_DATE_ORDER]
    texts = [picker.entry_text(n) for n in range(len(picker.entries))]
    assert texts[0].startswith("All documents (4)")
    assert f"{len(store.records):,} records" in texts[0]
    for doc_id, text in zip(IN_DATE_ORDER, texts[1:], strict=True):
        doc = store.documents[doc_id]
        for fact in (doc.when.compact(), doc.place, doc.short, doc.title, doc.publisher):
            assert fact in text, (fact, text)
        assert f"{len(doc.sentences)} sentences" in text
        assert f"{store.doc_record_count(doc_id)} records" in text
    assert "30 Jun 2011" in texts[1]
    assert "Dhaka" in texts[3]
    # The cursor starts on what is shown now: all of them.
    assert picker.query_one("#documents").highlighted == 0  # type: ignore[attr-defined]


async def test_typing_filters_and_escape_changes_nothing(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    picker = await open_picker(corpus_pilot)
    await typed(corpus_pilot, *"nur-sultan")
    assert picker.entries == ["test-iofs-2020"]
    await typed(corpus_pilot, *["backspace"] * 10, *"2018")
    assert picker.entries == [DHAKA]
    await typed(corpus_pilot, "escape")
    assert app.screen is app.main_screen
    assert app.main_screen.scope is None


async def test_choosing_a_document_scopes_the_panes_and_the_header(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    await choose(corpus_pilot, *"dhaka")
    assert app.main_screen.scope == DHAKA
    assert app.sub_title == "CFM45 Dhaka (test) · 7 May 2018"
    for kind in PANE_KINDS:
        assert {r.id for r in pane(app, kind).records} == {r.id for r in store.by_kind(kind, DHAKA)}
    events = pane(app, "event").records
    assert events and all(DHAKA in r.docs for r in events)
    # One document: its timeline as a single document's (before / the session / after),
    # and no row names its document.
    rows = shown(pane(app, "event"))
    assert "── The session · 2018 " in rows
    assert not any("CFM45 Dhaka (test)" in row for row in rows)
    # Choosing a scope is not a drill-down: nothing to go forward or back to.
    assert not app.forward_history
    assert len(app.screen_stack) == 1


async def test_search_after_scoping_finds_only_that_documents_records(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    everywhere = {hit.record.id for hit in search(store, "kazakhstan")}
    await choose(corpus_pilot, *"dhaka")
    await typed(corpus_pilot, "slash", *"kazakhstan")
    found = {r.id for r in results_list(app).records}
    assert found == {hit.record.id for hit in search(store, "kazakhstan", doc=DHAKA)}
    assert found and found < everywhere
    assert all(DHAKA in r.docs for r in results_list(app).records)
    # Within one document the rows need not say which (an initiative says it is as of it).
    rows = shown(results_list(app))
    assert not any(
        "CFM45 Dhaka (test)" in row.replace("as of CFM45 Dhaka (test)", "") for row in rows
    )


async def test_changing_the_scope_reruns_an_open_search(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    await typed(corpus_pilot, "slash", *"iofs")
    # Results are grouped by kind: compare what was found.
    before = {r.id for r in results_list(app).records}
    assert before == {hit.record.id for hit in search(store, "iofs")}
    # Across documents each result names the document it comes from.
    assert any(row.endswith(" · IOFS 2020 (test)") for row in shown(results_list(app)))
    app.main_screen.scope = "test-iofs-2020"
    await settled(corpus_pilot)
    after = {r.id for r in results_list(app).records}
    assert after == {hit.record.id for hit in search(store, "iofs", doc="test-iofs-2020")}
    assert after != before
    assert app.main_screen.searching


async def test_all_documents_unscopes(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    await choose(corpus_pilot, *"astana 2011")
    assert app.main_screen.scope == "test-cfm38-astana-2011"
    picker = await open_picker(corpus_pilot)
    # The cursor starts on the document shown; "All documents" is the first entry.
    assert picker.entries[picker.query_one("#documents").highlighted] == app.main_screen.scope  # type: ignore[attr-defined,index]
    await typed(corpus_pilot, *"all", "enter")
    assert app.main_screen.scope is None
    assert app.sub_title == "All documents (4)"
    assert len(pane(app, "event").records) == len(store.by_kind("event"))


async def test_timeline_across_documents_runs_by_year_with_each_rows_document(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    assert app.sub_title == "All documents (4)"
    rows = shown(pane(app, "event"))
    # Headings are years alone: no document, which a row of another would contradict.
    years = [row.strip("─ ") for row in rows if row.startswith("── ")]
    assert years[:3] == ["1969", "1995", "2011"]
    assert years[-1] == "Undated"
    assert years[:-1] == sorted(years[:-1])
    assert len(set(years)) == len(years)
    # Each row ends with its own document's label.
    events = iter(pane(app, "event").records)
    for row in rows:
        if not row.startswith("── "):
            record = next(events)
            assert row.endswith(f" · {store.documents[record.docs[0]].short}"), row
    assert sorted(r.id for r in pane(app, "event").records) == sorted(
        r.id for r in store.by_kind("event")
    )


async def test_initiative_rows_show_the_latest_status_and_date(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    iofs = store.get("initiative.iofs")
    assert iofs is not None and iofs.latest is not None
    assert iofs.latest.status == "opened"
    initiatives = pane(app, "initiative")
    row = shown(initiatives)[[r.id for r in initiatives.records].index("initiative.iofs")]
    assert row.startswith("opened ")
    assert "9 Sep 2020" in row


async def test_history_still_works_with_a_scope(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    await choose(corpus_pilot, *"dhaka")
    await typed(corpus_pilot, "1", "enter")
    opened = app.screen
    assert opened is not app.main_screen
    await typed(corpus_pilot, "escape")
    assert app.screen is app.main_screen
    assert app.main_screen.scope == DHAKA
    await typed(corpus_pilot, "right_square_bracket")
    assert type(app.screen) is type(opened)
    assert app.screen.location == opened.location  # type: ignore[attr-defined]


async def test_the_picker_is_in_the_palette_for_a_corpus(corpus_pilot: Pilot[None]) -> None:
    app = oic(corpus_pilot)
    titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Documents" in titles
    assert app.check_action("documents", ())


async def test_no_documents_key_on_a_single_document_store(app: OicApp, pilot: Pilot[None]) -> None:
    store = app.store
    assert store is not None and not store.multi_document
    assert not app.check_action("documents", ())
    assert "Documents" not in [c.title for c in app.get_system_commands(app.screen)]
    await typed(pilot, "d")
    assert app.screen is app.main_screen
    assert app.sub_title.startswith("42nd Session")
    # The timeline as it always was: before / the session / after, no document marks.
    rows = shown(pane(app, "event"))
    assert rows[0] == "── Before the session "
    assert not any(" · 42nd CFM, Kuwait" in row for row in rows)


async def test_the_picker_counts_in_a_worker_when_not_counted_yet(corpus_store: Store) -> None:
    app = create_app(store=corpus_store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main_screen.query("#search"), "the search box")
        app.main_screen.choose_document()
        await settled(pilot)
        picker = app.screen
        assert isinstance(picker, DocumentsScreen)
        seed_row = picker.entry_text(picker.entries.index(SEED))
        assert f"{corpus_store.doc_record_count(SEED)} records" in seed_row


async def test_the_palette_opens_the_picker_and_finds_records_in_scope(
    corpus_pilot: Pilot[None],
) -> None:
    from textual.widgets import OptionList

    app = oic(corpus_pilot)
    store = app.store
    assert store is not None
    await typed(corpus_pilot, "ctrl+p", *"documents", "enter")
    assert isinstance(app.screen, DocumentsScreen)
    await typed(corpus_pilot, *"iofs 2020", "enter")
    assert app.main_screen.scope == "test-iofs-2020"
    elsewhere = {
        hit.record.title for hit in search(store, "iofs") if "test-iofs-2020" not in hit.record.docs
    }
    assert elsewhere
    await typed(corpus_pilot, "ctrl+p", *"iofs")
    options = app.screen.query_one(OptionList)
    prompts = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
    assert any("IOFS" in prompt for prompt in prompts)
    assert not any(prompt in elsewhere for prompt in prompts)


async def test_scoped_an_initiative_reads_as_that_document_reports_it(
    corpus_pilot: Pilot[None],
) -> None:
    app = oic(corpus_pilot)
    await choose(corpus_pilot, *"kuwait")
    initiatives = pane(app, "initiative")
    iofs = next(r for r in initiatives.records if r.id == "initiative.iofs")
    # As of 29 May 2015: proposed in 2011, supported in 2015; the 2018 and 2020 steps later.
    assert iofs.status == "supported in the resolutions"
    assert [step.status for step in iofs.history] == ["proposed", "supported in the resolutions"]
    await choose(corpus_pilot, *"all")
    iofs = next(r for r in pane(app, "initiative").records if r.id == "initiative.iofs")
    assert iofs.status == "opened"
