"""How a problem in an uploaded file is told to the user: file, row, column, value and reason, translated."""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import gettext


class FileProblem(Protocol):
    """The shape of `standards.interchange.InterchangeError` (core does not import the standards engine)."""

    @property
    def file(self) -> str: ...
    @property
    def row(self) -> int | None: ...
    @property
    def column(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def reason_vi(self) -> str: ...


def file_problem_text(problem: FileProblem) -> str:
    """One problem as a line: «file, row 4, column «X», value «Y»: reason», in the active language."""
    place = [problem.file]
    if problem.row is not None:
        place.append(gettext("dòng %(row)s") % {"row": problem.row})
    if problem.column is not None:
        place.append(gettext("cột «%(column)s»") % {"column": problem.column})
    if problem.value is not None:
        place.append(gettext("giá trị «%(value)s»") % {"value": problem.value})
    return f"{', '.join(place)}: {problem.reason_vi}"
