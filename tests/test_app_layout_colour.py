"""Layout and colour: a record's page first, its lists right under it, the source keeping its
place, fact rows and pane titles at small sizes, kind colours readable in every theme."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from helpers import SIZE, open_record, static_text, typed, wait_until
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.command import CommandList
from textual.content import Content
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES
from textual.widgets import Footer

from oic_tui.search.service import search
from oic_tui.store.models import KINDS
from oic_tui.store.reader import Store
from oic_tui.tui.app import FEW_COLOURS_THEME, OicApp, create_app
from oic_tui.tui.kind_colours import eight_bit, kind_colours
from oic_tui.tui.screens.main import PANE_KINDS
from oic_tui.tui.widgets.page_scroll import PageScroll
from oic_tui.tui.widgets.record_list import RecordList
from oic_tui.tui.widgets.sentence_list import SentenceList
from oic_tui.tui.widgets.source_excerpt import SourceExcerpt

# Built-in themes every kind colour must be readable in: all but the terminal's own colours.
THEMES = tuple(sorted(name for name, theme in BUILTIN_THEMES.items() if not theme.ansi))
# ANSI red and bright red: what reads as an error.
ANSI_REDS = (1, 9)
OFFSETS = re.compile(r"\[\d+:\d+\]")


def plain(title: object) -> str:
    """A border title's text."""
    return title.plain if isinstance(title, Content) else Content.from_markup(str(title)).plain


def wcag_luminance(colour: Color) -> float:
    """Relative luminance as WCAG 2 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG 2 contrast ratio."""
    light, dark = sorted((wcag_luminance(first), wcag_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# A record's page --------------------------------------------------------------------------


def focus_order(app: OicApp) -> list[str]:
    """The ids focus visits on the current screen, from the focused widget on, by Tab."""
    return [widget.id or "" for widget in app.screen.focus_chain]


async def test_the_page_has_focus_first_and_the_lists_come_after_it(
    pilot: Pilot[None], app: OicApp
) -> None:
    await open_record(pilot, "initiative.iofs")
    page = app.screen.query_one("#detail", PageScroll)
    assert app.focused is page
    await typed(pilot, "j", "j")
    assert page.scroll_offset.y == 2  # `j` scrolls the record
    visited = []
    for _ in range(3):
        await typed(pilot, "tab")
        assert app.focused is not None
        visited.append(app.focused.id)
    assert visited == ["entities", "related", "detail"]


async def test_a_history_comes_after_the_page_and_before_the_links(
    corpus_pilot: Pilot[None], corpus_app: OicApp
) -> None:
    await open_record(corpus_pilot, "initiative.iofs")
    assert corpus_app.focused is corpus_app.screen.query_one("#detail", PageScroll)
    assert focus_order(corpus_app) == ["detail", "history", "entities", "related"]


async def page_fitted(pilot: Pilot[None], app: OicApp) -> tuple[PageScroll, int]:
    """The record's page once fitted, and the row the first thing under it starts at."""
    page = app.screen.query_one("#detail", PageScroll)
    under = (*app.screen.query("#history"), app.screen.query_one("#links"))
    below = [widget for widget in under if widget.display]

    def fitted() -> bool:
        return page.region.height > 0 and page.region.bottom == below[0].region.y

    await wait_until(pilot, fitted, "the page fitted to the lists under it")
    return page, below[0].region.y


@pytest.mark.parametrize(
    "record_id", ["fact.headquarters", "topic.yemen", "initiative.iofs", "entity.astana"]
)
async def test_no_gap_between_the_source_box_and_the_lists(
    shipped_store: Store, record_id: str
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_record(pilot, record_id)
        page, lists_top = await page_fitted(pilot, app)
        excerpt = app.screen.query_one(SourceExcerpt)
        if page.max_scroll_y == 0:
            # The whole record shows: the source box ends it (its margin, one row, apart).
            margin = excerpt.styles.margin.bottom
            assert excerpt.region.bottom + margin == lists_top
        else:
            # A long record scrolls in what the lists leave it.
            assert page.region.height >= 3
        links = app.screen.query_one("#links")
        assert links.region.bottom <= app.screen.query_one(Footer).region.y


async def test_the_lists_follow_the_page_after_a_resize(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_record(pilot, "fact.headquarters")
        await page_fitted(pilot, app)
        for size in ((80, 24), (60, 15), (120, 36)):
            await pilot.resize_terminal(*size)
            page, _ = await page_fitted(pilot, app)
            links = app.screen.query_one("#links")
            assert links.region.bottom <= app.screen.query_one(Footer).region.y
            assert page.region.height >= 3


# The source view ----------------------------------------------------------------------------


def highlight_in_view(sentences: SentenceList) -> bool:
    """Whether every line of the highlighted sentence is inside the list's scrolled view."""
    assert sentences.highlighted is not None
    # The option list's own line map (no public API says where an option's lines are).
    first = sentences._index_to_line[sentences.highlighted]
    height = sentences._heights[sentences.highlighted]
    top, rows = sentences.scroll_offset.y, sentences.scrollable_content_region.height
    return top <= first and first + min(height, rows) <= top + rows


async def test_the_source_keeps_its_sentence_in_view_when_resized(
    shipped_store: Store,
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_record(pilot, "fact.headquarters")  # sentence 19 of 22
        await typed(pilot, "s")
        await wait_until(pilot, lambda: bool(app.screen.query(SentenceList)), "the source")
        sentences = app.screen.query_one(SentenceList)
        await wait_until(pilot, lambda: highlight_in_view(sentences), "the sentence in view")
        highlighted = sentences.highlighted
        for size in ((60, 15), (200, 50), (80, 24), (60, 40), (120, 36)):
            await pilot.resize_terminal(*size)
            await wait_until(
                pilot, lambda: highlight_in_view(sentences), f"the sentence in view at {size}"
            )
            assert sentences.highlighted == highlighted


async def test_source_spans_are_tinted_by_kind_and_the_records_stands_out(
    pilot: Pilot[None], app: OicApp
) -> None:
    await open_record(pilot, "initiative.iofs")
    await typed(pilot, "s")
    await wait_until(pilot, lambda: bool(app.screen.query(SentenceList)), "the source")
    sentences = app.screen.query_one(SentenceList)
    option = sentences.get_option_at_index(sentences.highlighted or 0)
    assert isinstance(option.prompt, Content)
    styles = [str(span.style) for span in option.prompt.spans]
    assert not any("underline" in style for style in styles)
    tints = {style for style in styles if style.startswith("on $kind-")}
    assert {"on $kind-topic-tint", "on $kind-initiative-tint"} <= tints
    assert "bold reverse" in styles  # the record's own span, clearly stronger
    for kind in KINDS:
        # A wash: faint, whatever the theme.
        assert Color.parse(app.theme_variables[f"kind-{kind}-tint"]).a <= 0.15


async def test_character_offsets_only_when_asked_for(pilot: Pilot[None], app: OicApp) -> None:
    await open_record(pilot, "initiative.iofs")
    excerpt = app.screen.query_one(SourceExcerpt)
    text = static_text(excerpt)
    assert "Sentence 13 of 22 (paragraph 2)" in text and not OFFSETS.search(text)
    # Asked for in the command palette.
    await typed(pilot, "ctrl+p")
    await typed(pilot, *"character offsets")
    commands = app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.highlighted is not None, "the palette's command")
    option = commands.get_option_at_index(commands.highlighted or 0)
    assert "Show character offsets" in str(getattr(option.prompt, "plain", option.prompt))
    await typed(pilot, "enter")
    await wait_until(pilot, lambda: app.source_offsets, "the offsets shown")
    await wait_until(pilot, lambda: bool(OFFSETS.search(static_text(excerpt))), "offsets")
    assert "[2504:2553]" in static_text(excerpt)
    # Every record's page shows them now, until asked again.
    await open_record(pilot, "fact.headquarters")
    assert "[4108:4187]" in static_text(app.screen.query_one(SourceExcerpt))
    app.action_toggle_offsets()
    await pilot.pause()
    assert not OFFSETS.search(static_text(app.screen.query_one(SourceExcerpt)))


# Facts and pane titles ----------------------------------------------------------------------


def row_text(pane: RecordList, record_id: str) -> str:
    """What a record's row shows on screen, cut to the pane's width."""
    assert pane.select_record(record_id)
    assert pane.highlighted is not None
    return pane.render_line(pane.highlighted - pane.scroll_offset.y).text.strip()


def shown_part(text: str, whole: str) -> str:
    """The part of `whole` a cut `text` shows."""
    part = text.removesuffix("…")
    assert whole.startswith(part), (text, whole)
    return part


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_fact_shows_its_label_then_its_value(
    shipped_store: Store, size: tuple[int, int]
) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=size) as pilot:
        await typed(pilot, "4")
        facts = app.main_screen.query_one("#fact", RecordList)
        for record in facts.records:
            text = row_text(facts, record.id)
            label, _, value = text.partition("  ")
            label, value = shown_part(label, record.title), shown_part(value.strip(), record.value)
            # Both readable: each keeps its whole text or at least ten characters of it.
            assert len(label) >= min(len(record.title), 10), text
            assert len(value) >= min(len(record.value), 10), text
        headquarters = row_text(facts, "fact.headquarters")
        assert headquarters.startswith("General Secret") and "Jeddah" in headquarters


async def test_pane_titles_keep_their_counts_at_60_by_15(shipped_store: Store) -> None:
    app = create_app(store=shipped_store)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        # One pane at a time below 100 columns: each shown pane's title keeps its count.
        for number, kind in enumerate(PANE_KINDS, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            pane = app.main_screen.query_one(f"#{kind}", RecordList)
            title = plain(pane.border_title)
            count = len(pane.records)
            assert re.fullmatch(rf"[A-Za-z' ]+ 1/{count}", title), title
            assert len(title) <= pane.outer_size.width - 4, title
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        pane = app.main_screen.query_one("#initiative", RecordList)
        assert plain(pane.border_title).startswith("Kazakhstan initiatives 1/")


# Kind colours -------------------------------------------------------------------------------


def theme_variables(name: str) -> dict[str, str]:
    """A built-in theme's variables as the app derives its kind colours from them."""
    theme = BUILTIN_THEMES[name]
    return {**theme.to_color_system().generate(), **theme.variables}


@pytest.mark.parametrize("theme", THEMES)
def test_kind_colours_are_readable_in_the_theme(theme: str) -> None:
    generated = theme_variables(theme)
    variables = {**generated, **kind_colours(generated)}
    background = Color.parse(variables["background"])
    surface = background + Color.parse(variables["surface"])
    colours = {kind: Color.parse(variables[f"kind-{kind}"]) for kind in KINDS}
    for kind, colour in colours.items():
        for ground in (background, surface):
            # In true colour, and in 256 colours, where both are rounded (tmux's default).
            for shown, under in ((colour, ground), (eight_bit(colour), eight_bit(ground))):
                ratio = contrast_ratio(shown, under)
                assert ratio >= 4.5, f"{theme}: {kind} {shown.hex} on {under.hex}: {ratio:.2f}"
    assert len({colour.hex for colour in colours.values()}) == len(KINDS)


async def test_kind_colours_follow_the_theme(pilot: Pilot[None], app: OicApp) -> None:
    seen = []
    for theme in ("textual-dark", "nord", "textual-light"):
        app.theme = theme
        await pilot.pause()
        seen.append(app.theme_variables["kind-initiative"])
        assert seen[-1] == kind_colours(theme_variables(theme))["kind-initiative"]
    assert len(set(seen)) == 3


async def test_a_terminal_of_16_colours_shows_no_red_focus(
    shipped_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    app = create_app(store=shipped_store)
    assert app.console.color_system == "standard"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Why: a true-colour theme's accent (the focus border) is rounded to ANSI bright red.
        accent = RichColor.parse(app.theme_variables["accent"]).downgrade(ColorSystem.STANDARD)
        assert accent.number in ANSI_REDS
        with monkeypatch.context() as patch:
            # As in a real terminal: a test's headless driver keeps the theme it was given.
            patch.setattr(OicApp, "is_headless", property(lambda self: False))
            app.fit_theme_to_terminal()
        await pilot.pause()
        assert app.theme == FEW_COLOURS_THEME
        focused = app.focused
        assert isinstance(focused, RecordList)
        border = focused.styles.border_top[1]
        assert border.ansi is not None and border.ansi not in ANSI_REDS
        for kind in KINDS:
            colour = Color.parse(app.theme_variables[f"kind-{kind}"])
            assert colour.ansi is not None and colour.ansi not in ANSI_REDS, kind


async def test_a_headless_app_keeps_its_theme(
    shipped_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


def test_one_theme_command_textuals_own(app: OicApp) -> None:
    titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Theme" in titles
    assert not [title for title in titles if "toggle" in title.lower()]
    assert not hasattr(app, "action_toggle_theme")


# Counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entity_id",
    ["entity.astana", "entity.oic", "entity.kazakhstan-delegation", "entity.un", "entity.yemen"],
)
async def test_an_entitys_count_and_its_search_agree(
    shipped_store: Store, cli: Callable[..., tuple[int, str, str]], entity_id: str
) -> None:
    name = entity_id.partition(".")[2]
    query = f"entity:{name}"
    hits = {hit.record.id for hit in search(shipped_store, query)}
    mentions = {record.id for record in shipped_store.mentioning(entity_id)}
    app = create_app(store=shipped_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, entity_id)
        backlinks = app.screen.query_one("#backlinks", RecordList)
        assert plain(backlinks.border_title).endswith(f"/{len(mentions)}")
        await wait_until(pilot, lambda: bool(backlinks.border_subtitle), "the search's count")
        note = plain(backlinks.border_subtitle)
    others = len(hits - mentions - {entity_id})
    assert mentions <= hits and entity_id in hits
    if others:
        assert note == (
            f"{query} finds {len(hits)}: these {len(mentions)}, the entity itself, "
            f"{others} via other entities so named"
        )
    else:
        assert note == f"{query} finds these {len(mentions)} and the entity itself"
    # The command line finds the same.
    status, out, _ = cli("search", query, "--json")
    assert status == 0 and {hit["id"] for hit in json.loads(out)} == hits
