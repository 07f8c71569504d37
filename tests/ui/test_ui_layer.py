"""The ui layer only presents: it reads and writes project data through services alone.

The GUI holds the open project (services.project.Project) only to hand it to service functions.
This scan of every module in kzt_annotator/ui finds each place that uses the project object
itself instead: a method called or an attribute read on it (``self.repo.schema()``,
``repo.db_file``), or ``getattr``/``hasattr`` on it. The import-linter contract keeps ``store``
out of ui's imports; this keeps the repository's methods out of ui's code.

What holds the project in a ui module: the names ``repo``/``project`` (with or without a leading
underscore), any ``X.repo``/``X.project`` attribute, a parameter or variable annotated
``Project``, and a name assigned from one of those or from ``open_project(...)``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "kzt_annotator" / "ui"

HOLDER_NAMES = {"repo", "project", "_repo", "_project"}
HOLDER_ATTRIBUTES = HOLDER_NAMES
OPENERS = {"open_project"}  # service functions that return the project object

# "module.py: expression" of a use of the project object that is allowed. Keep it empty: a read
# the ui needs gets a named function in kzt_annotator/services instead.
ALLOWED: set[str] = set()


def _annotated_project(annotation: ast.expr | None) -> bool:
    """True for `Project`, `Project | None`, `Optional[Project]` and the like."""
    if annotation is None:
        return False
    return any(isinstance(n, ast.Name) and n.id == "Project" for n in ast.walk(annotation)) or any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and "Project" in n.value.split()
        for n in ast.walk(annotation)
    )


class _Scan(ast.NodeVisitor):
    """Collects every attribute access on an expression that holds the project."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.holders = set(HOLDER_NAMES)
        self.found: list[tuple[int, str]] = []

    def holds(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.holders
        if isinstance(node, ast.Attribute):
            return node.attr in HOLDER_ATTRIBUTES
        if isinstance(node, ast.Call):  # open_project(...).close()
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            return name in OPENERS
        if isinstance(node, ast.NamedExpr):
            return self.holds(node.value)
        return False

    # -- names that come to hold the project --------------------------------------------------
    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if value is None:
            return
        if isinstance(target, ast.Name) and self.holds(value):
            self.holders.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
            for t, v in zip(target.elts, value.elts, strict=False):
                self._bind(t, v)

    def visit_Assign(self, node: ast.Assign) -> None:  # noqa: N802
        for target in node.targets:
            self._bind(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:  # noqa: N802
        if isinstance(node.target, ast.Name) and _annotated_project(node.annotation):
            self.holders.add(node.target.id)
        self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:  # noqa: N802
        self._bind(node.target, node.value)
        self.generic_visit(node)

    def _arguments(self, args: ast.arguments) -> None:
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            if _annotated_project(arg.annotation):
                self.holders.add(arg.arg)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:  # noqa: N802
        self._arguments(node.args)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    # -- uses of it ---------------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:  # noqa: N802
        if self.holds(node.value):
            self.found.append((node.lineno, ast.get_source_segment(self.source, node) or node.attr))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"getattr", "hasattr", "setattr", "vars"} and node.args:
            if self.holds(node.args[0]):
                self.found.append((node.lineno, ast.get_source_segment(self.source, node) or func.id))
        self.generic_visit(node)


def project_uses(source: str) -> list[tuple[int, str]]:
    """(line, expression) of every direct use of the project object in one module's source.

    Two passes: the first learns which names hold the project anywhere in the module (a name
    bound in one function and used in a lambda or a nested function), the second reports."""
    tree = ast.parse(source)
    first = _Scan(source)
    first.visit(tree)
    second = _Scan(source)
    second.holders = first.holders
    second.visit(tree)
    return second.found


def ui_project_uses() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for line, expression in project_uses(path.read_text(encoding="utf-8")):
            key = f"{path.name}: {expression}"
            if key not in ALLOWED:
                found.append(f"{path.relative_to(UI.parent.parent)}:{line}: {expression}")
    return found


def test_ui_never_uses_the_project_object_directly() -> None:
    found = ui_project_uses()
    assert not found, (
        "ui modules call the repository directly; give each read or write a named function in "
        "kzt_annotator/services and call that:\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "def f(self):\n    return self.repo.schema()\n",
        "def f(window):\n    return window.repo.url\n",
        "def f(repo):\n    repo.close()\n",
        "def f(self):\n    old = self.repo\n    return old.db_file\n",
        "def f(self):\n    source, book = self.repo, self.codebook\n    return lambda: source.variables()\n",
        "def f(store: Project):\n    return store.article(1)\n",
        "def f(store: 'Project | None'):\n    return store.name\n",
        "def f(path):\n    return open_project(path).name\n",
        "def f(self):\n    return getattr(self._project, 'url')\n",
    ],
)
def test_the_scan_finds_a_direct_use(source: str) -> None:
    assert project_uses(source)


@pytest.mark.parametrize(
    "source",
    [
        "def f(self):\n    return schema(self.repo)\n",
        "def f(self, repo):\n    self.panel.repo = repo\n    return repo is self.repo\n",
        "def f(self):\n    repo = self.repo\n    return lambda: article_rows(repo, None)\n",
        "def f(report):\n    return report.summary()\n",
    ],
)
def test_the_scan_passes_handing_the_project_on(source: str) -> None:
    assert not project_uses(source)
