"""The layering holds: imports run one way (api/ui → services → matching → index → models), no
module imports in a circle, every module declares ``__all__``, and none imports another module's
private names. Every import counts, including those inside functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "index", "models")

# Higher layers may import lower ones, never the other way round. Within one layer modules may
# import each other as long as the import graph has no cycle.
LAYERS: list[tuple[str, ...]] = [
    ("models",),
    ("index",),
    # the kernel every app layer may use: settings, errors, schemas, small validators
    (
        "app.config",
        "app.errors",
        "app.schemas",
        "app.validators",
        "app.security",
        "app.limits",
        "app.migrate",
        "app.headers",
        "app.openapi",
        "app.api_docs",
    ),
    ("app.matching",),
    ("app.services",),
    ("app.model_manager", "app.runtime", "app.follower"),
    ("app.api", "app.ui", "app.evaluation"),
    ("app.main", "app.asgi", "app.cli", "app.session_cookies"),
]


def layer_of(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


@cache
def tree(path: Path) -> ast.Module:
    source = path.read_text(encoding="utf-8")
    # CPython 3.11's AST constructor is not thread-safe: a compile in another thread of this
    # worker (a test server's Jinja templates) can make it raise "AST constructor recursion
    # depth mismatch" (gh-106905, fixed in 3.12). The source is fine; parsing it again is.
    for _ in range(4):
        try:
            return ast.parse(source)
        except SystemError:
            continue
    return ast.parse(source)


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, list[str]]]:
    """(imported project module, names taken from it) for every import in the module."""
    out: list[tuple[str, list[str]]] = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.split(".")[0] in PACKAGES]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub, []) if sub in known else (base, [alias.name]))
    return out


def graph() -> dict[str, list[tuple[str, list[str]]]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def test_imports_only_run_downwards() -> None:
    upward = [
        f"{name} (layer {layer_of(name)}) imports {target} (layer {layer_of(target)})"
        for name, edges in graph().items()
        for target, _ in edges
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


def test_no_module_imports_in_a_circle() -> None:
    edges = {name: {t for t, _ in targets if t != name} for name, targets in graph().items()}
    # a package's __init__ importing its own submodules is how re-exports work, not a cycle
    edges = {n: {t for t in ts if not t.startswith(n + ".")} for n, ts in edges.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt in edges and nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_nothing_imports_another_modules_private_names() -> None:
    private = [
        f"{name} imports {target}.{n}"
        for name, edges in graph().items()
        for target, names in edges
        for n in names
        if n.startswith("_") and target != name
    ]
    assert private == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_every_module_declares_its_public_names(name: str) -> None:
    path = modules()[name]
    body = tree(path).body
    declared = [
        node
        for node in body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in _targets(node))
    ]
    if not any(isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Assign) for node in body):
        return  # an empty package marker
    assert declared, f"{path.relative_to(ROOT)} has no __all__"
    names = ast.literal_eval(declared[0].value)  # type: ignore[arg-type]
    defined = _defined_names(body)
    assert [n for n in names if n not in defined] == [], "__all__ names something the module lacks"


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def _defined_names(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for name, path in modules().items()
        if name.split(".")[0] in ("app", "index")
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
