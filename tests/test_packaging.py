"""The distributions: an sdist that carries what its tests need and whose tests run once
unpacked, a wheel built from it, both accepted by `twine check --strict`, and metadata
that says where editorial comes from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from editorial import PROJECT_URL, __version__

PROJECT = Path(__file__).resolve().parent.parent
# Fast tests that still drive the CLI on a real newsroom and read tests/schemas.
SDIST_TESTS = ["tests/test_slugify.py", "tests/test_check_reports.py"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Without this project's PYTHONPATH, what runs in the unpacked sdist is the sdist's code.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env,
                          check=False, timeout=540)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel built from it, of a copy of this project holding a
    generated benchmark newsroom, which must stay out of the sdist."""
    tmp_path = tmp_path_factory.mktemp("build")
    source = tmp_path / "editorial-src"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "__pycache__", "*.egg-info", ".*_cache", "dist", "build",
        "repos"))
    planted = source / "benchmarks" / "repos" / "desk-10000" / "editorial.yaml"
    planted.parent.mkdir(parents=True)
    planted.write_text("publication: too large to ship\n")
    out = tmp_path / "dist"
    # Without build isolation: the test extras hold hatchling, and no index is needed.
    built = _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                 str(source), cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


@pytest.mark.slow
def test_the_sdist_carries_its_tests_and_they_run_from_it(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    sdist, wheel = built
    checked = _run(sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel),
                   cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        # Extraction filters came in 3.11.4; Debian's 3.11.2 runs the suite too, and this
        # archive is the one just built.
        if hasattr(tarfile, "data_filter"):
            archive.extractall(tmp_path / "unpacked", filter="data")
        else:
            archive.extractall(tmp_path / "unpacked")
    for needed in ("LICENSE", "docs/check.md", "testing/newsroom.py", "tests/conftest.py",
                   "tests/schemas/sarif-schema-2.1.0.json", "workflows/translation.yaml",
                   "benchmarks/generate.py", ".pre-commit-hooks.yaml", *SDIST_TESTS):
        assert needed in names, needed
    assert not any(name.startswith("benchmarks/repos") for name in names)
    tree = tmp_path / "unpacked" / f"editorial-{__version__}"
    where = _run(sys.executable, "-c", "import editorial; print(editorial.__file__)", cwd=tree)
    assert Path(where.stdout.strip()) == tree / "editorial" / "__init__.py"
    tested = _run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  *SDIST_TESTS, cwd=tree)
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-3000:]
    assert " passed" in tested.stdout and "failed" not in tested.stdout


def test_the_metadata_names_the_license_the_authors_and_the_projects_home() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (PROJECT / "LICENSE").read_text().startswith("MIT License")
    assert "The editorial developers" in (PROJECT / "LICENSE").read_text()
    assert project["authors"] == [{"name": "The editorial developers"}]
    assert project["urls"]["Source"] == PROJECT_URL
    supported = {classifier.rsplit(" ", 1)[1] for classifier in project["classifiers"]
                 if classifier.startswith("Programming Language :: Python :: 3.")}
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in supported
    assert project["requires-python"] == f">={min(supported, key=lambda v: int(v[2:]))}"


@pytest.mark.slow  # builds the wheel
def test_the_wheel_metadata_carries_it(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        metadata = Parser().parsestr(archive.read(
            f"editorial-{__version__}.dist-info/METADATA").decode())
        assert f"editorial-{__version__}.dist-info/licenses/LICENSE" in archive.namelist()
    assert metadata["License-Expression"] == "MIT"
    assert f"Source, {PROJECT_URL}" in metadata.get_all("Project-URL", [])
    assert "Programming Language :: Python :: 3.11" in metadata.get_all("Classifier", [])
