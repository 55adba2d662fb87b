"""editorial.core's modules import one another without a cycle: each module can be read (and
loaded) after the ones it names, and no import needs hiding in a function to work."""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from editorial.core.checks import rule_modules

CORE = Path(__file__).resolve().parent.parent / "editorial" / "core"
# Imports made by name at run time, which the source's import statements do not show:
# `load_rules` imports every rule module, the memory package its matcher on first use, the
# publish targets package every target module.
TARGETS = CORE / "publishing" / "targets"
DYNAMIC = {"editorial.core.checks": {f"editorial.core.checks.{name}" for name in rule_modules()},
           "editorial.core.memory": {"editorial.core.memory.match"},
           "editorial.core.publishing.targets": {
               f"editorial.core.publishing.targets.{path.stem}"
               for path in TARGETS.glob("*.py") if path.stem != "__init__"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node of the tree but those under `if TYPE_CHECKING:`, which never run."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt) and _is_type_checking(child):
            assert isinstance(child, ast.If)
            for other in child.orelse:
                yield other
                yield from _nodes(other)
            continue
        yield child
        yield from _nodes(child)


def imported_names(path: Path) -> Iterator[str]:
    """Every name an import statement of `path` loads, at module level or in a function:
    `from a import b` gives `a.b` (a module, or a name defined in `a`)."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            yield origin
            yield from (f"{origin}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Each core module and the core modules loading it runs: those it imports, and their
    packages' __init__ (but not its own packages', initialised before it runs)."""
    paths = {module_name(path): path for path in sorted(CORE.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        own_packages = {".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 1)}
        if path.name == "__init__.py":
            own_packages.add(name)
        graph[name] = set(DYNAMIC.get(name, ()))
        for imported in imported_names(path):
            parts = imported.split(".")
            loaded = {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
            graph[name] |= {module for module in loaded
                            if module in paths and module not in own_packages}
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports, each module importing the next, or None."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        # graphlib lists each module before one that imports it.
        return list(reversed(error.args[1]))
    return None


def test_the_graph_sees_imports_of_every_kind() -> None:
    # The test below would pass on a graph that found nothing.
    graph = import_graph()
    assert len(graph) >= 60
    assert "editorial.core.workflow" in graph["editorial.core.newsroom"]
    # A package's __init__ runs when one of its modules is imported from outside it.
    assert "editorial.core.checks" in graph["editorial.core.desk"]
    assert "editorial.core.checks.base" in graph["editorial.core.checks.quality"]
    # Imports inside functions count; those under `if TYPE_CHECKING:` never run.
    assert "editorial.core.checks.quality" in graph["editorial.core.gates"]
    assert "editorial.core.newsroom" not in graph["editorial.core.checks.base"]
    assert "editorial.core.checks.history" in graph["editorial.core.checks"]


def test_the_graph_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    found = cycle(graph)
    assert found is not None and found[0] == found[-1]
    assert all(after in graph[before] for before, after in pairwise(found))
    assert cycle({"a": {"b"}, "b": set(), "d": {"a", "b"}}) is None


def test_core_has_no_import_cycle() -> None:
    found = cycle(import_graph())
    assert found is None, "import cycle: " + " imports ".join(found or [])


def deferred_imports(path: Path) -> Iterator[tuple[int, str]]:
    """Each import inside a function of `path`: its line number, and the line with the
    comment lines and imports just above it (the comment may head a group)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines), filename=str(path))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                start = node.lineno - 1
                while start > 0 and lines[start - 1].strip().startswith(
                        ("#", "import ", "from ")):
                    start -= 1
                yield node.lineno, "\n".join(lines[start:node.end_lineno])


def test_every_import_in_a_function_is_there_for_start_up_time() -> None:
    unexplained = [f"{path.relative_to(CORE)}:{line}" for path in sorted(CORE.rglob("*.py"))
                   for line, text in deferred_imports(path) if "start-up time" not in text]
    assert unexplained == []
