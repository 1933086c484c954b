"""Only the shipped standard identifiers reach the file system; path-like values are refused."""

from __future__ import annotations

import pytest

from giamngheo.standards import StandardDataError, load_standard
from giamngheo.standards.loader import available_standards, is_known_standard


def test_shipped_standards_are_the_allow_list():
    assert available_standards() == ("2016-2020", "2022-2025", "2027-2030")
    assert load_standard("2022-2025").id == "2022-2025"


@pytest.mark.parametrize(
    "standard_id",
    ["../../pyproject", "../standards/2022-2025", "/etc/passwd", "2022-2025\x00", "2022-2025/", "2023", ""],
)
def test_path_like_identifiers_never_reach_the_file_system(standard_id):
    assert not is_known_standard(standard_id)
    with pytest.raises(StandardDataError) as error:
        load_standard(standard_id)
    assert error.value.problems == ["unknown standard; available: 2016-2020, 2022-2025, 2027-2030"]
