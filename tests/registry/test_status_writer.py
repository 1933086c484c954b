"""Only `registry.status` writes a household's recognised status or creates a status transition (ADR 0007)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "giamngheo"
WRITER = "registry/status.py"
# A new household is created with the status its import file records (ADR 0007).
BORN_WITH_STATUS = {"registry/imports/apply_existing.py", "registry/imports/apply_rows.py"}
HOUSEHOLD_NAMES = {"household", "source", "target", "new", "h"}
CREATORS = {"create", "bulk_create", "get_or_create", "update_or_create"}


def _is_household(node: ast.expr) -> bool:
    text = ast.unparse(node)
    return "household" in text.lower() or text in HOUSEHOLD_NAMES


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        found: list[ast.expr] = []
        for target in node.targets:
            found.extend(target.elts if isinstance(target, ast.Tuple | ast.List) else [target])
        return found
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    return []


def status_writes(source: str, *, may_create_with_status: bool = False) -> list[str]:
    """Every statement of `source` that writes a household's status or creates a transition."""
    found = []
    for node in ast.walk(ast.parse(source)):
        for target in _targets(node):
            if isinstance(target, ast.Attribute) and target.attr == "status" and _is_household(target.value):
                found.append(f"{node.lineno}: assigns {ast.unparse(target)}")
        if not isinstance(node, ast.Call):
            continue
        func = ast.unparse(node.func)
        keywords = {keyword.arg for keyword in node.keywords}
        if func == "StatusTransition" or (
            func.startswith("StatusTransition.objects.") and func.rsplit(".", 1)[1] in CREATORS
        ):
            found.append(f"{node.lineno}: creates a StatusTransition")
        elif func.startswith("Household.objects") and func.endswith(".update") and "status" in keywords:
            found.append(f"{node.lineno}: updates Household.status")
        elif func.startswith("Household.objects") and func.endswith(".bulk_update"):
            fields = node.args[1] if len(node.args) > 1 else None
            if fields is not None and "'status'" in ast.unparse(fields):
                found.append(f"{node.lineno}: bulk-updates Household.status")
        elif (
            func in {"Household", "Household.objects.create"}
            and "status" in keywords
            and not may_create_with_status
        ):
            found.append(f"{node.lineno}: creates a Household with a status")
    return found


def test_the_checker_finds_every_kind_of_status_write():
    source = "\n".join(
        [
            'household.status = "poor"',
            'source.is_active, source.status = False, "none"',
            'StatusTransition.objects.create(household=h, kind="other")',
            'Household.objects.filter(pk=1).update(status="poor")',
            'Household.objects.bulk_update(rows, ["status", "version"])',
            'Household(code="x", status="poor")',
            'batch.status = "applied"',
            "Household.objects.filter(pk=1).update(version=2)",
        ]
    )
    assert status_writes(source) == [
        "1: assigns household.status",
        "2: assigns source.status",
        "3: creates a StatusTransition",
        "4: updates Household.status",
        "5: bulk-updates Household.status",
        "6: creates a Household with a status",
    ]
    assert status_writes('Household(code="x", status="poor")', may_create_with_status=True) == []


def test_only_registry_status_writes_a_household_status_or_a_transition():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == WRITER or "/migrations/" in name:
            continue
        found = status_writes(path.read_text(), may_create_with_status=name in BORN_WITH_STATUS)
        if found:
            offenders[name] = found
    assert offenders == {}


def test_the_writer_itself_is_seen_by_the_checker():
    assert status_writes((PACKAGE / WRITER).read_text()) != []
