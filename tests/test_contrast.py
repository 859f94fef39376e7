"""Contrast you can read (#27): measured on the rendered screen in every theme the explorer
offers, in true colour, in 256 colours and in a terminal's own 16.

One run of the explorer draws the main screen in each theme; the tests read the colours of
the cells it drew: every text on each list's cursor row and in its title (its position
counter) at least 4.5:1 on its ground, the focused list's frame at least 3:1 on the screen
and unlike the others'. In 256 colours each colour is first rounded as rich rounds it for
such a terminal; a theme of the terminal's own colours is measured in a few palettes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest
from helpers import SIZE, STORE_JSON
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, DIMMED_MONOKAI, TerminalTheme
from textual._ansi_theme import ALABASTER, MONOKAI
from textual.color import Color
from textual.content import Content
from textual.filter import dim_color
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES

from oic_tui.store.reader import Store
from oic_tui.tui.app import FEW_COLOURS_THEME, create_app
from oic_tui.tui.kind_colours import contrast
from oic_tui.tui.screens.main import PANE_KINDS
from oic_tui.tui.widgets.cursor import cursor_row
from oic_tui.tui.widgets.record_list import RecordList

pytestmark = pytest.mark.ui

TEXT, BORDER = 4.5, 3.0
# The focused frame is heavy, the others light and rounded.
HEAVY = set("┏━┓┃┗┛")
FRAME = HEAVY | set("╭─╮│╰╯")
# The themes of the terminal's own colours (what a 16-colour terminal gets), and palettes a
# terminal may give them: Textual's own, rich's, and xterm's default.
XTERM = TerminalTheme(
    (0, 0, 0),
    (229, 229, 229),
    [
        *((0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0)),
        *((0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)),
    ],
    [
        *((127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0)),
        *((92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)),
    ],
)
DARK_PALETTES = {"textual": MONOKAI, "rich": DEFAULT_TERMINAL_THEME, "dimmed": DIMMED_MONOKAI}
DARK_PALETTES["xterm"] = XTERM
LIGHT_PALETTES = {"textual": ALABASTER}
ANSI_THEMES = {"ansi-dark": DARK_PALETTES, "ansi-light": LIGHT_PALETTES}
TRUE_COLOUR_THEMES = sorted(set(BUILTIN_THEMES) - set(ANSI_THEMES))


@dataclass(frozen=True)
class Pane:
    """Where one list was drawn: its frame, its cursor row, whether it had the focus."""

    kind: str
    frame: Region
    cursor: Region | None
    focused: bool


@dataclass(frozen=True)
class Drawn:
    """The main screen as drawn in one theme: its lines of segments and its lists."""

    lines: list[list[Segment]]
    panes: list[Pane]
    background: RichColor


def segments_in(drawn: Drawn, region: Region) -> list[Segment]:
    """The segments of the drawn lines that start inside `region` (one row of it)."""
    found = []
    x = 0
    for segment in drawn.lines[region.y]:
        if region.x <= x < region.right:
            found.append(segment)
        x += segment.cell_length
    return found


async def draw_every_theme() -> dict[str, Drawn]:
    """The main screen drawn in each theme, the Initiatives pane (statuses) focused."""
    app = create_app(store=Store.open(STORE_JSON))
    drawn: dict[str, Drawn] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # Every theme the explorer offers is measured, and none other.
        assert set(app.available_themes) == set(BUILTIN_THEMES)
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            panes = []
            for kind in PANE_KINDS:
                pane = app.screen.query_one(f"#{kind}", RecordList)
                content = pane.content_region
                cursor = None
                if pane.highlighted is not None:
                    y = content.y + pane.highlighted - pane.scroll_offset.y
                    cursor = Region(content.x, y, content.width, 1)
                panes.append(Pane(kind, pane.region, cursor, pane.has_focus))
            strips = app.screen._compositor.render_strips()
            background = Color.parse(app.theme_variables["background"]).rich_color
            drawn[theme] = Drawn([list(strip) for strip in strips], panes, background)
    return drawn


@pytest.fixture(scope="module")
def drawn() -> dict[str, Drawn]:
    """Every theme's main screen, drawn once for the module (in a loop of its own)."""
    return asyncio.run(draw_every_theme())


# Colours as a terminal shows them ---------------------------------------------------------


def shown(
    colour: RichColor | None, palette: TerminalTheme, system: ColorSystem | None, *, fg: bool
) -> Color:
    """The colour a terminal shows: the palette's for the terminal's own colours, rounded
    to 256 colours when `system` says."""
    if colour is None or colour.is_default:
        return Color(*(palette.foreground_color if fg else palette.background_color))
    if system is not None and colour.triplet is not None:
        colour = colour.downgrade(system)
    return Color(*colour.get_truecolor(palette, foreground=fg))


def text_colours(
    style: Style | None, palette: TerminalTheme, system: ColorSystem | None
) -> tuple[Color, Color]:
    """A cell's text colour and its ground, reverse and dim applied as Textual's dim filter
    does (halfway to the ground: what a terminal's faint text may be)."""
    style = style or Style()
    text = shown(style.color, palette, system, fg=True)
    ground = shown(style.bgcolor, palette, system, fg=False)
    if style.reverse:
        text, ground = ground, text
    if style.dim:
        text = Color(*dim_color(ground.rich_color, text.rich_color, 0.5).get_truecolor())
    return text, ground


Mode = tuple[str, TerminalTheme, ColorSystem | None]
MODES: list[Mode] = [
    *((theme, MONOKAI, None) for theme in TRUE_COLOUR_THEMES),
    *((theme, MONOKAI, ColorSystem.EIGHT_BIT) for theme in TRUE_COLOUR_THEMES),
    *(
        (theme, palette, None)
        for theme, palettes in ANSI_THEMES.items()
        for palette in palettes.values()
    ),
]
MODE_IDS = [
    *(f"{theme}-truecolor" for theme in TRUE_COLOUR_THEMES),
    *(f"{theme}-256" for theme in TRUE_COLOUR_THEMES),
    *(f"{theme}-16-{name}" for theme, palettes in ANSI_THEMES.items() for name in palettes),
]


def too_faint(drawn: Drawn, region: Region, mode: Mode, least: float) -> list[str]:
    """Each text in `region` (one row) under `least` contrast on its ground, described."""
    _, palette, system = mode
    faint = []
    for segment in segments_in(drawn, region):
        text = segment.text.strip()
        if not text or set(text) <= FRAME:
            continue
        colour, ground = text_colours(segment.style, palette, system)
        if (ratio := contrast(colour, ground)) < least:
            faint.append(f"{text!r} {colour.hex} on {ground.hex}: {ratio:.2f}")
    return faint


def frame_colours(drawn: Drawn, pane: Pane, mode: Mode) -> set[tuple[Color, Color]]:
    """The colours (line, ground) the frame's top line is drawn in."""
    _, palette, system = mode
    return {
        text_colours(segment.style, palette, system)
        for segment in segments_in(drawn, Region(pane.frame.x, pane.frame.y, pane.frame.width, 1))
        if segment.text.strip() and set(segment.text.strip()) <= FRAME
    }


# The tests ------------------------------------------------------------------------------------


def test_every_theme_and_the_few_colours_one_is_measured() -> None:
    assert FEW_COLOURS_THEME in ANSI_THEMES
    assert len(MODES) == len(MODE_IDS)


@pytest.mark.parametrize("mode", MODES, ids=MODE_IDS)
def test_the_cursor_rows_read_at_4_5_to_1(drawn: dict[str, Drawn], mode: Mode) -> None:
    screen = drawn[mode[0]]
    faint = []
    for pane in screen.panes:
        assert pane.cursor is not None, pane.kind
        faint += [
            f"{pane.kind} cursor row: {text}" for text in too_faint(screen, pane.cursor, mode, TEXT)
        ]
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("mode", MODES, ids=MODE_IDS)
def test_titles_and_their_counters_read_at_4_5_to_1(drawn: dict[str, Drawn], mode: Mode) -> None:
    screen = drawn[mode[0]]
    faint = []
    for pane in screen.panes:
        title = Region(pane.frame.x, pane.frame.y, pane.frame.width, 1)
        assert any("/" in s.text for s in segments_in(screen, title)), pane.kind  # `1/11`
        faint += [f"{pane.kind} title: {text}" for text in too_faint(screen, title, mode, TEXT)]
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize("mode", MODES, ids=MODE_IDS)
def test_the_focused_frame_stands_out(drawn: dict[str, Drawn], mode: Mode) -> None:
    screen = drawn[mode[0]]
    _, palette, system = mode
    (focused,) = [pane for pane in screen.panes if pane.focused]
    assert focused.kind == "initiative"
    background = shown(screen.background, palette, system, fg=False)
    lines = frame_colours(screen, focused, mode)
    assert lines
    for line, ground in lines:
        for under in (ground, background):
            ratio = contrast(line, under)
            assert ratio >= BORDER, f"frame {line.hex} on {under.hex}: {ratio:.2f}"
    unfocused = set().union(
        *(frame_colours(screen, p, mode) for p in screen.panes if not p.focused)
    )
    assert {line for line, _ in lines}.isdisjoint({line for line, _ in unfocused})
    # Focus shows without colour too: the focused frame alone is heavy.
    top = segments_in(screen, Region(focused.frame.x, focused.frame.y, 1, 1))
    assert top and top[0].text[0] in HEAVY


def test_the_cursor_row_keeps_its_shapes_and_drops_its_colours() -> None:
    # Test data: a row with each kind of span the lists draw.
    row = Content.assemble(
        ("1969 ", "dim"),
        ("presented ", "$kind-initiative"),
        ("Title", "bold"),
        (" match", "reverse"),
        (" summary", "dim italic"),
        (" tinted", "on $kind-topic-tint"),
        (" heading", "not bold $text-accent"),
    )
    shaped = cursor_row(row)
    assert shaped.plain == row.plain
    assert [(span.start, str(span.style)) for span in shaped.spans] == [
        (15, "bold"),
        (20, "reverse"),
        (26, "italic"),
    ]
