"""Every spreadsheet writer goes through core.exports: no XlsxWriter workbook or CSV writer made elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import giamngheo

FACTORY = Path(giamngheo.__file__).parent / "core" / "exports.py"
DIRECT_WRITER = re.compile(r"xlsxwriter\.Workbook\(|csv\.writer\(|csv\.DictWriter\(|openpyxl\.Workbook\(")


def test_no_spreadsheet_writer_is_created_outside_core_exports():
    root = Path(giamngheo.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path != FACTORY
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if DIRECT_WRITER.search(line)
    ]
    assert offenders == []


def test_the_factory_module_itself_is_what_the_scan_skips():
    text = FACTORY.read_text(encoding="utf-8")
    assert (text.count("xlsxwriter.Workbook("), text.count("csv.writer(")) == (1, 1)
