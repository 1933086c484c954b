"""The server-drawn bar chart: bars scaled to the largest value, Vietnamese numbers, rows stacked."""

from __future__ import annotations

from decimal import Decimal

from giamngheo.workspace.charts import (
    BAR_GAP,
    BAR_HEIGHT,
    LABEL_HEIGHT,
    ROW_GAP,
    VALUE_ROOM,
    WIDTH,
    bar_chart,
    percent_text,
)


def test_the_largest_value_fills_the_width_left_for_its_text():
    chart = bar_chart(
        "c", "T", ("a", "b"), [("Thôn 1", (Decimal("20"), Decimal("5"))), ("Thôn 2", (10, None))]
    )
    first, second = chart.rows
    assert first.bars[0].width == WIDTH - VALUE_ROOM
    assert first.bars[1].width == round((WIDTH - VALUE_ROOM) / 4)
    assert second.bars[0].width == round((WIDTH - VALUE_ROOM) / 2)
    assert second.bars[1].width == 0 and second.bars[1].text == "—"


def test_rows_stack_a_label_line_then_a_bar_per_series():
    chart = bar_chart("c", "T", ("a", "b"), [("A", (1, 2)), ("B", (3, 4))])
    row_height = LABEL_HEIGHT + 2 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    assert chart.rows[1].bars[0].y == row_height + LABEL_HEIGHT
    assert chart.height == 2 * row_height


def test_numbers_are_written_the_vietnamese_way():
    chart = bar_chart("c", "T", ("a",), [("Xã", (1595,))])
    assert chart.rows[0].bars[0].text == "1.595"
    assert percent_text(Decimal("2.27")) == "2,27%"
    assert percent_text(None) == "—"


def test_a_chart_of_zeros_draws_no_bar_and_no_division_by_zero():
    chart = bar_chart("c", "T", ("a",), [("2026", (0,))])
    assert chart.rows[0].bars[0].width == 0 and chart.rows[0].bars[0].text == "0"
