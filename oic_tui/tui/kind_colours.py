"""Each kind's colour, and the lists' cursor and frame colours, taken from the active theme
and made readable on what they are drawn on, in true colour and in 256 colours."""

from __future__ import annotations

from collections.abc import Mapping

from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color

# The hue each kind reads as in every theme (degrees): the timeline blue, topics gold,
# initiatives green, facts magenta, entities cyan. A theme colour near it is used as is.
KIND_HUES: dict[str, float] = {
    "event": 210,
    "topic": 45,
    "initiative": 120,
    "fact": 300,
    "entity": 180,
}
# In a theme of the terminal's own colours (ANSI), the terminal's colour of that hue.
KIND_ANSI: dict[str, str] = {
    "event": "ansi_blue",
    "topic": "ansi_yellow",
    "initiative": "ansi_green",
    "fact": "ansi_magenta",
    "entity": "ansi_cyan",
}
# The theme colours a kind may take (never `error`: a kind must not read as a problem).
THEME_ROLES = ("primary", "secondary", "accent", "warning", "success")
# WCAG AA for normal text; for a part of the interface such as a focus border (1.4.11).
MIN_CONTRAST = 4.5
MIN_BORDER_CONTRAST = 3.0
# Room above each, for the rounding of a colour to 8 bits a channel.
_ROOM = 0.1
WHITE = Color(255, 255, 255)
BLACK = Color(0, 0, 0)
# How far (degrees) a theme colour's hue may be from a kind's and still stand for it, and
# how close two kinds' colours may come.
HUE_REACH = 30.0
HUE_APART = 20.0
# A colour this grey has no hue worth matching.
MIN_SATURATION = 0.25
# How strongly a kind's colour tints the background of its spans (`$kind-event-tint`...): a
# wash, fainter on a light background, where the same share of colour shows more.
TINT_DARK = 0.14
TINT_LIGHT = 0.1


def luminance(colour: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: Color, second: Color) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hue_gap(first: float, second: float) -> float:
    gap = abs(first - second) % 360
    return min(gap, 360 - gap)


def _hue(colour: Color) -> float | None:
    hsl = colour.hsl
    return None if hsl.s < MIN_SATURATION else hsl.h * 360


def eight_bit(colour: Color) -> Color:
    """The colour a terminal of 256 colours shows for it (as rich rounds it there)."""
    rounded = RichColor.from_rgb(*colour.rgb).downgrade(ColorSystem.EIGHT_BIT)
    return Color(*rounded.get_truecolor())


def legible(first: Color, second: Color, minimum: float = MIN_CONTRAST) -> bool:
    """Whether two opaque colours contrast by `minimum`, in true colour and in 256 colours
    (where two near colours may round to neighbours, or to one: tmux's default)."""
    least = minimum + _ROOM
    return contrast(first, second) >= least and (
        contrast(eight_bit(first), eight_bit(second)) >= least
    )


def readable(
    colour: Color,
    grounds: list[Color],
    minimum: float = MIN_CONTRAST,
    lighter: bool | None = None,
) -> Color:
    """The colour, lightened or darkened (towards white or black, whichever the grounds
    contrast with more, unless `lighter` says) until it is legible on every ground; its hue
    and saturation kept."""
    if lighter is None:
        lighter = min(contrast(WHITE, g) for g in grounds) >= min(
            contrast(BLACK, g) for g in grounds
        )
    hue, saturation, lightness = colour.hsl
    step = 0.01 if lighter else -0.01
    while not all(legible(colour, ground, minimum) for ground in grounds):
        lightness = min(max(lightness + step, 0.0), 1.0)
        colour = Color.parse(Color.from_hsl(hue, saturation, lightness).hex)
        if lightness in (0.0, 1.0):
            break
    return colour


def _choose(candidates: list[Color]) -> dict[str, Color | None]:
    """Each kind's theme colour: the nearest in hue, each used once, never two alike."""
    pairs = sorted(
        (_hue_gap(hue, kind_hue), kind, number)
        for kind, kind_hue in KIND_HUES.items()
        for number, candidate in enumerate(candidates)
        if (hue := _hue(candidate)) is not None and _hue_gap(hue, kind_hue) <= HUE_REACH
    )
    chosen: dict[str, Color | None] = dict.fromkeys(KIND_HUES)
    for _, kind, number in pairs:
        candidate = candidates[number]
        hue = _hue(candidate)
        taken = [c for c in chosen.values() if c is not None]
        if chosen[kind] is not None or candidate in taken or hue is None:
            continue
        if all(_hue_gap(hue, _hue(c) or 0.0) >= HUE_APART for c in taken):
            chosen[kind] = candidate
    return chosen


def kind_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """`kind-event` ... `kind-entity`, and each one's `-tint`, for a theme's generated
    variables (`$background`...)."""
    background = Color.parse(variables["background"])
    if background.ansi is not None:
        # No wash of the terminal's own colours: the text of a span takes its kind's colour.
        return {
            **{f"kind-{kind}": name for kind, name in KIND_ANSI.items()},
            **{f"kind-{kind}-tint": "transparent" for kind in KIND_ANSI},
            **ansi_list_colours(variables),
        }
    grounds = [background, background + Color.parse(variables["surface"])]
    candidates = [Color.parse(variables[role]) for role in THEME_ROLES if role in variables]
    primary = Color.parse(variables["primary"]).hsl
    chosen = _choose([c for c in candidates if c.ansi is None])
    colours: dict[str, str] = {}
    for kind, kind_hue in KIND_HUES.items():
        # No theme colour of the kind's hue: the theme's primary, turned to that hue.
        base = chosen[kind] or Color.from_hsl(
            kind_hue / 360, min(max(primary.s, 0.45), 0.7), min(max(primary.l, 0.35), 0.65)
        )
        colour = readable(base, grounds)
        colours[f"kind-{kind}"] = colour.hex
        tint = TINT_DARK if luminance(background) < 0.5 else TINT_LIGHT
        colours[f"kind-{kind}-tint"] = colour.with_alpha(tint).hex
    return {**colours, **list_colours(variables)}


def drawn(value: str, ground: Color) -> Color:
    """A theme colour as drawn on `ground`: blended by its alpha; `auto N%` is the text
    colour Textual picks for that ground."""
    name, _, alpha = value.partition(" ")
    if name == "auto":
        return ground + ground.get_contrast_text(float(alpha.rstrip("%") or 100) / 100)
    return ground + Color.parse(value)


def legible_pair(text: Color, ground: Color) -> tuple[Color, Color]:
    """A text colour and its ground, legible together: the text moved first, then the
    ground (a mid-tone cursor that neither white nor black text reads on)."""
    lighter = luminance(text) > luminance(ground)
    text = readable(text, [ground], lighter=lighter)
    if not legible(text, ground):
        ground = readable(ground, [text], lighter=not lighter)
    return text, ground


def list_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """The lists' colours (`$list-cursor-*`, `$list-focus*`, `$list-count`) for a theme's
    variables: each legible on what it is drawn on, measured, not assumed."""
    background = Color.parse(variables["background"])
    surface = drawn(variables["surface"], background)
    grounds = [background, surface]
    cursor = drawn(variables["block-cursor-background"], surface)
    text, cursor = legible_pair(drawn(variables["block-cursor-foreground"], cursor), cursor)
    blurred = drawn(variables["block-cursor-blurred-background"], surface)
    blurred_text, blurred = legible_pair(drawn(variables["foreground"], blurred), blurred)
    # The theme's own colour where it reads as a focus border, else its accent made to.
    roles = [Color.parse(variables[role]) for role in ("accent", "primary", "secondary")]
    focus = next(
        (c for c in roles if all(legible(c, g, MIN_BORDER_CONTRAST) for g in grounds)),
        readable(roles[0], grounds, MIN_BORDER_CONTRAST),
    )
    # The position counter: quieter than the text where the theme leaves room for it.
    foreground = readable(drawn(variables["foreground"], surface), grounds)
    muted = readable(foreground.blend(surface, 0.4), grounds)
    if contrast(muted, surface) > contrast(foreground, surface):
        muted = foreground
    return {
        "list-cursor-foreground": text.hex,
        "list-cursor-background": cursor.hex,
        "list-cursor-blurred-foreground": blurred_text.hex,
        "list-cursor-blurred-background": blurred.hex,
        "list-focus": focus.hex,
        "list-focus-text": readable(focus, grounds).hex,
        "list-count": muted.hex,
    }


def ansi_list_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """The lists' colours in a theme of the terminal's own: its cursor and accent, as is;
    titles in its text colour (an accent such as magenta may be faint on a light ground)."""
    return {
        "list-cursor-foreground": variables["block-cursor-foreground"],
        "list-cursor-background": variables["block-cursor-background"],
        "list-cursor-blurred-foreground": variables["block-cursor-blurred-foreground"],
        "list-cursor-blurred-background": variables["block-cursor-blurred-background"],
        "list-focus": variables["accent"],
        "list-focus-text": variables["foreground"],
        "list-count": variables["foreground"],
    }
