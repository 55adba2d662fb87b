"""Imports go one way: cli -> core, vcs, render; core never reaches click, rich or git."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "editorial"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it (top level, functions, TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return found


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.rglob("*.py"))


def reaches(imported: set[str], banned: str) -> bool:
    return any(name == banned or name.startswith(banned + ".") for name in imported)


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def test_the_checker_sees_imports() -> None:
    # The tests below would pass on a checker that found nothing.
    cli_main = imports_of(PACKAGE / "cli" / "main.py")
    assert "click" in cli_main and "editorial.errors.EditorialError" in cli_main
    assert reaches(imports_of(PACKAGE / "vcs" / "git.py"), "git")
    assert reaches(imports_of(PACKAGE / "render" / "status.py"), "rich")
    assert len(modules("core")) >= 15


@pytest.mark.parametrize("banned", ["click", "rich", "git", "editorial.cli", "editorial.render",
                                    "editorial.vcs"])
def test_core_imports_no_interface_and_no_git(banned: str) -> None:
    offenders = [relative(path) for path in modules("core")
                 if reaches(imports_of(path), banned)]
    assert offenders == [], f"{banned} imported by {offenders}"


def test_only_vcs_imports_gitpython() -> None:
    offenders = [relative(path) for path in modules("")
                 if reaches(imports_of(path), "git") and "vcs" not in path.parts]
    assert offenders == []


def test_render_does_not_import_click_or_the_command_line() -> None:
    offenders = [relative(path) for path in modules("render")
                 if any(reaches(imports_of(path), banned)
                        for banned in ("click", "editorial.cli"))]
    assert offenders == []


def test_vcs_does_not_import_the_command_line_or_render() -> None:
    offenders = [relative(path) for path in modules("vcs")
                 if any(reaches(imports_of(path), banned)
                        for banned in ("click", "rich", "editorial.cli", "editorial.render"))]
    assert offenders == []
