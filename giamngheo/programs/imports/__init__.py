"""Import of a plan's tables from Excel, by stage: template, read, validate, apply (all or nothing).

Sheets «Chỉ tiêu», «Phân bổ», «Kinh phí», «Nhiệm vụ»; a missing or empty sheet leaves that part of the plan
as it is. Rows are matched to what the plan holds (targets by their wording, budget lines by project × source
× expenditure, tasks by number; the allocation table is one whole), so importing a file twice changes nothing.
"""

from giamngheo.programs.imports.apply import ImportResult, plan_import_apply, plan_import_check
from giamngheo.programs.imports.columns import COLUMNS
from giamngheo.programs.imports.read import ParsedPlan
from giamngheo.programs.imports.template import build_template
from giamngheo.programs.imports.validate import read_workbook

__all__ = [
    "COLUMNS",
    "ImportResult",
    "ParsedPlan",
    "build_template",
    "plan_import_apply",
    "plan_import_check",
    "read_workbook",
]
