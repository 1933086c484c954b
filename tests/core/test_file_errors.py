"""A problem in an uploaded file is told in the reader's language; the file's own headers stay as written."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from giamngheo.core.file_errors import file_problem_text
from giamngheo.standards.interchange import InterchangeError

PROBLEM = InterchangeError("ke-hoach.xlsx › Phân bổ", 4, "Số hộ giảm trong kỳ", "nhiều", "không phải là số")


def test_the_place_is_told_in_vietnamese_by_default():
    assert file_problem_text(PROBLEM) == (
        "ke-hoach.xlsx › Phân bổ, dòng 4, cột «Số hộ giảm trong kỳ», giá trị «nhiều»: không phải là số"
    )


def test_the_place_is_told_in_english_when_english_is_chosen():
    with translation.override("en"):
        text = file_problem_text(PROBLEM)

    assert (
        text
        == "ke-hoach.xlsx › Phân bổ, row 4, column «Số hộ giảm trong kỳ», value «nhiều»: không phải là số"
    )


def test_a_problem_of_the_whole_file_names_only_the_file_and_the_plan_import_page_uses_the_filter():
    whole_file = InterchangeError("ke-hoach.xlsx", None, None, None, "tệp không có dòng nào")
    template = Template("{% load plan_tags %}{% for e in errors %}<li>{{ e|file_problem }}</li>{% endfor %}")

    with translation.override("en"):
        html = template.render(Context({"errors": [whole_file, PROBLEM]}))

    assert html == (
        "<li>ke-hoach.xlsx: tệp không có dòng nào</li>"
        "<li>ke-hoach.xlsx › Phân bổ, row 4, column «Số hộ giảm trong kỳ», value «nhiều»: "
        "không phải là số</li>"
    )
