"""Charts drawn on the server as SVG markup: readable without JavaScript, printable, and the same figures a
page also gives as text. Plain Python: texts arrive translated, dates arrive with a function that formats
them; every text is escaped here.

Lines differ by colour, dash and marker shape, so a reader who does not tell the colours apart still can.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# A phone is the default screen: the drawing is made at about its width so the text stays readable.
WIDTH, HEIGHT = 360, 230
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 14, 44
FONT = 13
TICK_GAP = 56  # room for a label like "28 Sep"


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str  # stroke-dasharray; "" is a solid line
    marker: str  # circle, square, diamond or none


# Colours with at least 3:1 contrast on white (WCAG 1.4.11), each with its own dash and marker.
STYLES = {
    "mentor": Style("#0b5d54", "", "circle"),
    "coach": Style("#a8460f", "7 4", "square"),
    "learner": Style("#5b3fa0", "2 3", "diamond"),
}
FALLBACK = Style("#1d2a33", "", "circle")
TARGET_COLOUR = "#4b5761"


@dataclass(frozen=True)
class Series:
    """One line: a key (picks the style), its label and its points (date, value), oldest first."""

    key: str
    label: str
    points: Sequence[tuple[datetime.date, float]]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    swatch: str  # a small SVG of the line's look, hidden from screen readers (the label says it)


@dataclass(frozen=True)
class Chart:
    svg: str
    legend: list[LegendEntry]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _marker(style: Style, x: float, y: float, size: float = 4.5) -> str:
    if style.marker == "none":
        return ""
    common = f'fill="{style.colour}" stroke="#fff" stroke-width="1"'
    if style.marker == "square":
        side = _num(2 * size)
        return f'<rect x="{_num(x - size)}" y="{_num(y - size)}" width="{side}" height="{side}" {common}/>'
    if style.marker == "diamond":
        s = size * 1.3
        points = (
            f"{_num(x)},{_num(y - s)} {_num(x + s)},{_num(y)} {_num(x)},{_num(y + s)} {_num(x - s)},{_num(y)}"
        )
        return f'<polygon points="{points}" {common}/>'
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(size)}" {common}/>'


def _dash(dash: str) -> str:
    return f' stroke-dasharray="{dash}"' if dash else ""


def swatch(style: Style, *, width: int = 34, height: int = 14) -> str:
    """A short piece of the line with its marker, for a legend."""
    y = height / 2
    return (
        f'<svg class="wb-swatch" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-hidden="true" focusable="false">'
        f'<line x1="1" y1="{_num(y)}" x2="{width - 1}" y2="{_num(y)}" stroke="{style.colour}" '
        f'stroke-width="2.5"{_dash(style.dash)}/>{_marker(style, width / 2, y, 4)}</svg>'
    )


def _date_ticks(
    dates: Sequence[datetime.date], x_of: Callable[[datetime.date], float]
) -> list[datetime.date]:
    """The dates to label, from the latest back, each far enough from the next to be read."""
    ticks: list[datetime.date] = []
    for on in sorted(set(dates), reverse=True):
        if not ticks or x_of(ticks[-1]) - x_of(on) >= TICK_GAP:
            ticks.append(on)
    return ticks[::-1]


def progress_chart(
    series: Sequence[Series],
    *,
    levels: Sequence[int],
    target: float | None,
    target_label: str,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    date_label: Callable[[datetime.date], str],
    chart_id: str = "progress-chart",
) -> Chart:
    """Lines of a value on a level scale over time, one per series, with a dashed target line.

    `levels` are the rubric's level numbers (the y axis); `date_label` formats a date for the x axis.
    The SVG is an image to assistive technology (role="img", its <title> and <desc>): the page gives the
    same figures as text.
    """
    low, high = min(levels), max(levels)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    dates = [on for s in series for on, _value in s.points]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    span = (last - first).days if first and last else 0

    def x_of(on: datetime.date) -> float:
        if not span or first is None:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (on - first).days / span

    def y_of(value: float) -> float:
        if high == low:
            return TOP + plot_h / 2
        return TOP + plot_h * (high - value) / (high - low)

    parts = [
        f'<svg class="wb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#b8c0bb"/>',
    ]
    for level in range(low, high + 1):
        y = _num(y_of(level))
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="#e3e7e4"/>')
        parts.append(
            f'<text x="{LEFT - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="#1d2a33">'
            f"{level}</text>"
        )
    if dates:
        for on in _date_ticks(dates, x_of):
            x = x_of(on)
            anchor = "middle"
            if span and x - LEFT < 30:
                anchor = "start"
            elif span and LEFT + plot_w - x < 30:
                anchor = "end"
            parts.append(
                f'<line x1="{_num(x)}" y1="{TOP + plot_h}" x2="{_num(x)}" y2="{TOP + plot_h + 4}" '
                'stroke="#4b5761"/>'
            )
            parts.append(
                f'<text x="{_num(x)}" y="{TOP + plot_h + 16}" text-anchor="{anchor}" fill="#1d2a33">'
                f"{escape(date_label(on))}</text>"
            )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:g}" y="{HEIGHT - 6}" text-anchor="middle" fill="#1d2a33">'
        f"{escape(x_label)}</text>"
    )
    parts.append(
        f'<text transform="translate(13 {TOP + plot_h / 2:g}) rotate(-90)" text-anchor="middle" '
        f'dominant-baseline="middle" fill="#1d2a33">{escape(y_label)}</text>'
    )
    if target is not None:
        y = _num(y_of(target))
        parts.append(
            f'<line class="wb-chart-target" x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="10 4 2 4"/>'
        )
        parts.append(
            f'<text x="{LEFT + 4}" y="{_num(y_of(target) - 5)}" fill="{TARGET_COLOUR}" '
            f'font-size="{FONT - 1}">'
            f"{escape(target_label)}</text>"
        )
    for s in series:
        style = STYLES.get(s.key, FALLBACK)
        points = " ".join(f"{_num(x_of(on))},{_num(y_of(value))}" for on, value in s.points)
        parts.append(f'<g class="wb-chart-series" data-series="{escape(s.key)}">')
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{style.colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"{_dash(style.dash)}/>'
        )
        parts.extend(_marker(style, x_of(on), y_of(value)) for on, value in s.points)
        parts.append("</g>")
    parts.append("</svg>")
    legend = [LegendEntry(s.label, swatch(STYLES.get(s.key, FALLBACK))) for s in series]
    if target is not None:
        legend.append(LegendEntry(target_label, swatch(Style(TARGET_COLOUR, "10 4 2 4", "none"))))
    return Chart(svg="".join(parts), legend=legend)
