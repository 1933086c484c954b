"""The product never imports the benchmark package, by name or through importlib."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "giamngheo"


def _names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]  # a module name given to importlib
    return []


def bench_imports(source: str) -> list[int]:
    """The lines of `source` that import `bench` (import statements or a module name given as a string)."""
    return [
        node.lineno  # type: ignore[attr-defined]
        for node in ast.walk(ast.parse(source))
        if any(name == "bench" or name.startswith("bench.") for name in _names(node))
    ]


def test_the_checker_sees_every_way_of_importing_bench():
    source = "\n".join(
        [
            "import bench.synthetic",
            "from bench import x",
            'importlib.import_module("bench.synthetic")',
            "benchmark = 1",
        ]
    )
    assert bench_imports(source) == [1, 2, 3]


def test_giamngheo_never_imports_bench():
    found = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := bench_imports(path.read_text()))
    }
    assert found == {}
