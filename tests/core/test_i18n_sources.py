"""Every user-facing string in Python is marked for translation; every AppError uses an ErrorCode member."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "giamngheo"

VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ]"
)
LETTER = re.compile(r"[^\W\d_]")
TRANSLATE = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
MESSAGE_CALLS = {"success", "error", "warning", "info", "debug"}
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}

# Not scanned: the standards engine (pure Python, its Vietnamese texts come from its TOML data with a
# language of their own), migrations (frozen history) and data files that are not Python.
SKIPPED_PARTS = {"standards", "migrations"}

# Files whose Vietnamese is data, not interface text: it stays Vietnamese in every language.
DATA_FILES = {
    "giamngheo/core/text.py": "letters of the search-key transliteration",
    "giamngheo/geo/sources.py": "names of the data sources of the administrative units",
    "giamngheo/areas/views.py": "CSV headers of the unit export (Vietnamese interchange format)",
    "giamngheo/registry/exports.py": "column headers of the Excel/CSV exports (interchange format)",
    "giamngheo/registry/imports/template.py": "the Vietnamese import template (interchange format)",
    "giamngheo/registry/xlsform.py": "the Vietnamese field survey form for ODK/Kobo (interchange format)",
    "giamngheo/registry/imports/columns.py": "the Vietnamese import headers (interchange format)",
    "giamngheo/registry/imports/reader.py": "sheet names of the Vietnamese import template",
    "giamngheo/registry/certificate.py": "the certificate is a Vietnamese legal document",
    "giamngheo/reviews/reports_xlsx.py": "the official Vietnamese report forms as Excel files",
    "giamngheo/geo/loader.py": "the summary load_admin_units prints on the operator's console",
    "giamngheo/monitoring/exports.py": "the monitoring report sent upwards (Vietnamese administrative form)",
    "giamngheo/monitoring/content.py": "a report's figures and sources, frozen into the Vietnamese report",
    "giamngheo/monitoring/documents.py": "Circular 10/2022 forms: Vietnamese administrative documents",
    "giamngheo/monitoring/documents_xlsx.py": "Circular 10/2022 forms: Vietnamese administrative documents",
    "giamngheo/monitoring/collection.py": "sources of the Biểu 03–15 cells, printed in the Vietnamese forms",
    "giamngheo/monitoring/collection_forms.py": "Biểu 03–15 rows and sources: Vietnamese forms",
    "giamngheo/core/official_document.py": "Decree 30/2020 layout: national title, motto, place names",
    "giamngheo/core/official_pdf.py": "Decree 30/2020 layout: «Nơi nhận:» of a Vietnamese document",
    "giamngheo/core/official_docx.py": "Decree 30/2020 layout: «Nơi nhận:» of a Vietnamese document",
    "giamngheo/reviews/decision_document.py": "the recognition decision is a Vietnamese legal document",
    "giamngheo/programs/imports/columns.py": "the Vietnamese plan import headers (interchange format)",
    "giamngheo/programs/imports/template.py": "the Vietnamese plan import template (interchange format)",
    "giamngheo/jobs/survey_import.py": "the Vietnamese labour survey import headers (interchange format)",
    "giamngheo/jobs/imports/vacancies.py": "the Vietnamese vacancy list headers (interchange format)",
    "giamngheo/jobs/imports/trainees.py": "the Vietnamese trainee list headers (interchange format)",
    "giamngheo/activities/imports.py": "the Vietnamese activity import headers (interchange format)",
    "giamngheo/api/reviews_examples.py": "sample data of the OpenAPI response examples (not interface text)",
    "giamngheo/api/reports_examples.py": "sample data of the OpenAPI response examples (not interface text)",
    "giamngheo/works/columns.py": "the Vietnamese works and participants file headers (interchange format)",
}
DATA_PATTERNS = ("demo", "load_demo", "management/commands/")  # demo data; operator console output

# Single literals that are stored values or stored record text (written once, shown as data).
STORED_VALUES = {
    "giamngheo/areas/services.py": {"Thôn", "Tổ dân phố", "Bản", "Buôn", "Làng", "Khóm", "Khu phố", "Tổ"},
    # headers of the Vietnamese import file, matched against the uploaded file's own headers
    "giamngheo/registry/imports/services.py": {"Mã hộ"},
    "giamngheo/registry/imports/validate.py": {
        "Mã hộ",
        "Khu vực",
        "Họ và tên",
        "Quan hệ với chủ hộ",
        "Số định danh cá nhân",
    },
    "giamngheo/programs/imports/validate.py": {"Dòng kinh phí"},  # a value of the template's row-kind column
    # the legal basis a plan cites is the title of a Vietnamese document: stored as written
    "giamngheo/programs/services/plans.py": {" ngày ", "Kế hoạch "},
    # headers of the Vietnamese list file; «đ» is the đồng sign stripped from amounts
    "giamngheo/support/list_import.py": {
        "Mã hộ",
        "Số định danh cá nhân",
        "Họ và tên",
        "Số tiền",
        "Số lượng",
        "Ghi chú",
        "đ",
    },
    # the legal source stored with each poverty cause: the title of a Vietnamese circular
    "giamngheo/support/catalogue.py": {"Thông tư 07/2021/TT-BLĐTBXH (phiếu thu thập thông tin hộ)"},
    "giamngheo/reviews/models.py": {"Nhà văn hóa thôn và trụ sở UBND xã", " Mẫu "},
    "giamngheo/reviews/forms.py": {"Nhà văn hóa thôn và trụ sở UBND xã"},
    "giamngheo/reviews/services/campaigns.py": {
        "Rà soát hộ nghèo, hộ cận nghèo",
        "Rà soát thường xuyên",
        " năm ",
    },
    "giamngheo/reviews/services/decisions.py": {"Quyết định "},
    "giamngheo/reviews/services/steps.py": {
        "Khiếu nại của ",
        "Đánh giá #",
        "Họp dân ",
        " đồng ý",
        "Niêm yết ",
        "Rà soát lại theo khiếu nại",
        "Giữ kết quả sau khi trả lời khiếu nại",
    },
}

# Files not converted yet: none left (issue 9). A new entry needs a reason and an issue to remove it.
PENDING: tuple[str, ...] = ()


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _untranslated_text(node: ast.AST | None) -> bool:
    """A literal (or f-string) with letters that is not passed through a translation function."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(LETTER.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_untranslated_text(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _untranslated_text(node.left)
    return False


def _error_code(node: ast.AST) -> bool:
    """`ErrorCode.X`, `ErrorCode(value)` (checked when run) or the `.code` of an error being re-raised."""
    if isinstance(node, ast.Attribute):
        return _name(node.value) == "ErrorCode" or node.attr == "code"
    return isinstance(node, ast.Call) and _name(node.func) == "ErrorCode"


def _call_problems(node: ast.Call, where: str) -> list[str]:
    """Untranslated text passed where users read it; a code or action that is not an enumeration member."""
    problems = []
    name = _name(node.func)
    texts: list[ast.AST | None] = [kw.value for kw in node.keywords if kw.arg in {"label", "help_text"}]
    if name in {"AppError", "NotFound", "PermissionDenied"}:
        message_at = 1 if name == "AppError" else 0
        texts.append(node.args[message_at] if len(node.args) > message_at else None)
        texts.extend(kw.value for kw in node.keywords if kw.arg == "message")
        code = node.args[0] if name == "AppError" and node.args else None
        if code is not None and not _error_code(code):
            problems.append(f"{where}: AppError code is not an ErrorCode member")
    if name == "audit_record":
        actions = [kw.value for kw in node.keywords if kw.arg == "action"]
        for action in actions:
            options = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            if any(isinstance(option, ast.Constant | ast.JoinedStr) for option in options):
                problems.append(f"{where}: audit action is not an AuditAction member")
    if name in MESSAGE_CALLS and _name(getattr(node.func, "value", None) or node.func) == "messages":
        texts.extend(node.args[1:2])
    for keyword in node.keywords:
        if keyword.arg == "choices" and isinstance(keyword.value, ast.List | ast.Tuple):
            texts.extend(
                item.elts[1]
                for item in keyword.value.elts
                if isinstance(item, ast.Tuple) and len(item.elts) == 2
            )
    problems.extend(
        f"{where}: user-facing text not marked for translation" for t in texts if _untranslated_text(t)
    )
    return problems


def _problems(path: Path, relative: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        node.body[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }

    def translated(node: ast.AST) -> bool:
        parent = parents.get(node)
        while parent is not None:
            if isinstance(parent, ast.Call) and _name(parent.func) in TRANSLATE:
                return True
            parent = parents.get(parent)
        return False

    problems = []
    stored = STORED_VALUES.get(relative, set())
    for node in ast.walk(tree):
        where = f"{relative}:{getattr(node, 'lineno', 0)}"
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node not in docstrings
            and node.value not in stored
            and VIETNAMESE.search(node.value)
            and not translated(node)
        ):
            problems.append(f"{where}: Vietnamese text not marked for translation: {node.value[:60]!r}")
        if isinstance(node, ast.Call):
            problems.extend(_call_problems(node, where))
        if isinstance(node, ast.ClassDef) and {_name(base) for base in node.bases} & CHOICES_BASES:
            for statement in node.body:
                value = getattr(statement, "value", None)
                if (
                    isinstance(statement, ast.Assign)
                    and isinstance(value, ast.Tuple)
                    and len(value.elts) >= 2
                    and _untranslated_text(value.elts[-1])
                ):
                    problems.append(f"{relative}:{statement.lineno}: choice label not marked for translation")
    return problems


def _scanned_files() -> list[tuple[Path, str]]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if SKIPPED_PARTS & set(path.relative_to(PACKAGE).parts):
            continue
        if relative in DATA_FILES or any(pattern in relative for pattern in DATA_PATTERNS):
            continue
        if relative.startswith(PENDING):
            continue
        files.append((path, relative))
    return files


def test_user_facing_strings_in_python_are_marked_for_translation():
    problems = [problem for path, relative in _scanned_files() for problem in _problems(path, relative)]
    assert problems == []


def test_the_scan_finds_an_unmarked_message_a_label_a_choice_and_a_string_code(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(
        "from django.contrib import messages\n"
        "class Colour(TextChoices):\n"
        "    RED = 'red', 'Red'\n"
        "def view(request):\n"
        "    messages.success(request, 'Saved')\n"
        "    field = forms.CharField(label='Name')\n"
        "    raise AppError('invalid', f'Mã {1} sai')\n"
        "    audit_record(actor=None, action='x.y' if a else AuditAction.USER_CREATE, obj=None)\n",
        encoding="utf-8",
    )
    problems = _problems(source, "bad.py")
    assert sorted(problems) == [
        "bad.py:3: choice label not marked for translation",
        "bad.py:5: user-facing text not marked for translation",
        "bad.py:6: user-facing text not marked for translation",
        "bad.py:7: AppError code is not an ErrorCode member",
        "bad.py:7: Vietnamese text not marked for translation: 'Mã '",
        "bad.py:7: user-facing text not marked for translation",
        "bad.py:8: audit action is not an AuditAction member",
    ]


def test_the_scan_accepts_marked_strings(tmp_path):
    source = tmp_path / "good.py"
    source.write_text(
        "class Colour(TextChoices):\n"
        "    RED = 'red', _('Đỏ')\n"
        "def view(request):\n"
        "    messages.success(request, _('Đã lưu %(n)s') % {'n': 1})\n"
        "    raise AppError(ErrorCode.INVALID, _('Mã %(code)s sai') % {'code': 1}, field='code')\n",
        encoding="utf-8",
    )
    assert _problems(source, "good.py") == []


def test_every_pending_or_data_entry_still_exists():
    missing = [entry for entry in (*DATA_FILES, *STORED_VALUES, *PENDING) if not (ROOT / entry).exists()]
    assert missing == []
