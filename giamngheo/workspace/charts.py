"""Bar charts drawn on the server as SVG geometry: one label line, then a bar per series, sized to 360 units.

The template `workspace/_bar_chart.html` draws the geometry (printed in colour) and repeats the numbers in a
table for screen readers. The chart is narrow on purpose: a 390 px phone shows it at full size, a desktop
caps it at 480 px.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 360
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
BAR_GAP = 3
ROW_GAP = 8
VALUE_ROOM = 64  # room right of the longest bar for its value

Number = Decimal | int


def vn_number(value: Number | None, places: int = 0) -> str:
    """A number written the Vietnamese way (1.595; 2,27), «—» when there is none."""
    if value is None:
        return "—"
    return number_format(value, places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Bar:
    series: int
    y: int
    width: int
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    series: tuple[str, ...]
    rows: tuple[Row, ...]
    height: int
    note: str = ""

    @property
    def width(self) -> int:
        return WIDTH


def bar_chart(
    chart_id: str,
    title: str,
    series: Sequence[str],
    data: Sequence[tuple[str, Sequence[Number | None]]],
    *,
    text: Callable[[Number | None], str] = vn_number,
    note: str = "",
) -> BarChart:
    """Lay out one row per label with one bar per series, scaled to the largest value."""
    largest = max((value for _, values in data for value in values if value is not None), default=0)
    scale = (WIDTH - VALUE_ROOM) / float(largest) if largest else 0.0
    rows, y = [], 0
    for label, values in data:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        bars = []
        for index, value in enumerate(values):
            width = round(float(value) * scale) if value is not None else 0
            bars.append(Bar(index, y, max(width, 1) if value else 0, text(value)))
            y += BAR_HEIGHT + BAR_GAP
        rows.append(Row(label, label_y, tuple(bars)))
        y += ROW_GAP
    return BarChart(chart_id, title, tuple(series), tuple(rows), max(y, 1), note)


def percent_text(value: Number | None) -> str:
    return "—" if value is None else f"{vn_number(value, 2)}%"
