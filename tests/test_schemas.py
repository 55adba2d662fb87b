"""The JSON Schemas of the desk's files: what `editorial schema` prints, what check-jsonschema
accepts, and what `editorial check` reports in the same words."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema.validators import validator_for

from editorial.cli.main import cli
from editorial.core import effects, gates
from editorial.core.schemas import SCHEMA_FILES, SCHEMAS_DIR
from editorial.core.workflow import DEFAULT_WORKFLOW, builtin_dir, load_workflow
from testing.newsroom import Newsroom, demo_newsroom, git, person_env

WORKTREE = Path(__file__).resolve().parent.parent
ARTICLE = "water-station"
ARTICLE_PATH = f"articles/{ARTICLE}/article.md"


def check_jsonschema(schema: str, *instances: Path) -> subprocess.CompletedProcess[str]:
    """The real check-jsonschema, from the environment running the tests."""
    beside = Path(sys.executable).parent / "check-jsonschema"
    tool = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    assert tool is not None, "check-jsonschema is in the test extras"
    return subprocess.run([tool, "--schemafile", str(SCHEMAS_DIR / SCHEMA_FILES[schema]),
                           *map(str, instances)], capture_output=True, text=True, check=False)


def front_matter_file(article: Path, folder: Path) -> Path:
    """The YAML between the fences of an article.md, as a file of its own: check-jsonschema
    reads YAML files, not Markdown."""
    lines = article.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    target = folder / f"{article.parent.name}.yaml"
    target.write_text("\n".join(lines[1:end]) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_newsroom(tmp_path_factory.mktemp("demo")).root


@pytest.mark.slow
def test_the_demo_newsroom_validates_with_check_jsonschema(demo: Path, tmp_path: Path) -> None:
    articles = sorted((demo / "articles").glob("*/article.md"))
    assert len(articles) >= 8
    front_matter = [front_matter_file(article, tmp_path) for article in articles]
    workflows = [*sorted(builtin_dir().glob("*.yaml")), *sorted(demo.glob("workflows/*.yaml"))]
    cases = {"article": front_matter, "editorial.yaml": [demo / "editorial.yaml"],
             "workflow": workflows, "glossary": [demo / "glossary.yaml"]}
    assert (demo / "glossary.yaml").is_file()
    for schema, files in cases.items():
        result = check_jsonschema(schema, *files)
        assert result.returncode == 0, (schema, result.stdout, result.stderr)
    checked = CliRunner().invoke(cli, ["--repo", str(demo), "check"], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output


def set_line(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, (old, text)
        return text.replace(old, new, 1)
    return change


# What is broken in the article's front matter, the line it is on (the first line starting
# so; None: the fence that opens the front matter), the property and the cause both tools
# name.
BROKEN_ARTICLES = {
    "wrong-type": (set_line("title: ", "title: 5\nold_title: "), "title: 5",
                   "title", "5 is not of type 'string'"),
    "unknown-stage": (set_line("stage: source", "stage: nowhere"), "stage:",
                      "stage", "'nowhere' is not one of"),
    "missing-key": (set_line("created_at:", "made_at:"), None,
                    "'created_at'", "is a required property"),
    "history-entry": (set_line("    by: dana", "    by: [dana]"), "    by: [dana]",
                      "history[0].by", "['dana'] is not of type 'string'"),
}


@pytest.mark.parametrize("case", BROKEN_ARTICLES)
def test_a_broken_article_fails_check_jsonschema_and_check_with_the_same_words(
        newsroom: Newsroom, tmp_path: Path, case: str) -> None:
    change, line_start, key, cause = BROKEN_ARTICLES[case]
    newsroom.new_article()
    newsroom.edit_text(ARTICLE, change)
    path = newsroom.article_path(ARTICLE)
    lines = path.read_text(encoding="utf-8").split("\n")
    line = 1 if line_start is None else next(
        number for number, text in enumerate(lines, start=1) if text.startswith(line_start))

    validated = check_jsonschema("article", front_matter_file(path, tmp_path))
    assert validated.returncode == 1, validated.stdout
    assert key in validated.stdout and cause in validated.stdout, validated.stdout

    code, problems = newsroom.check_json()
    assert code == 1
    found = [problem for problem in problems if problem["rule"] == "schema"]
    assert len(found) == 1, problems
    message = str(found[0]["message"])
    assert key in message and cause in message, message
    assert (found[0]["path"], found[0]["line"]) == (ARTICLE_PATH, line)


GLOSSARY = """\
terms:
  - source: محطة المياه
    target: water station
    forbidden: [water plant]
"""

BROKEN_DESK_FILES = ("roles-text", "publication-missing", "glossary-target-missing",
                     "workflow-four-eyes")


def break_desk_file(newsroom: Newsroom, case: str) -> tuple[Path, str, str, str, int]:
    """Write the broken desk file of `case`: its path, its schema's name, the property and
    the cause both tools name, and the line editorial check points at."""
    if case == "roles-text":
        path = newsroom.path("editorial.yaml")
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        config["people"]["dana"]["roles"] = "editor"
        text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        line = text[:text.index("roles: editor")].count("\n") + 1
        return path, "editorial.yaml", "people.dana.roles", "'editor' is not of type 'array'", \
            line
    if case == "publication-missing":
        path = newsroom.path("editorial.yaml")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("publication:", "outlet:", 1), encoding="utf-8")
        return path, "editorial.yaml", "'publication'", "is a required property", 1
    if case == "glossary-target-missing":
        path = newsroom.path("glossary.yaml")
        path.write_text(GLOSSARY.replace("    target: water station\n", ""), encoding="utf-8")
        return path, "glossary", "'target'", "is a required property", 2
    path = newsroom.path("workflows", "strict.yaml")
    path.parent.mkdir()
    text = (builtin_dir() / "translation.yaml").read_text(encoding="utf-8")
    text = text.replace("    four_eyes: true\n", "    four_eyes: 'no'\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("    four_eyes:")].count("\n") + 1
    return path, "workflow", "four_eyes", "'no' is not of type 'boolean'", line


@pytest.mark.parametrize("case", BROKEN_DESK_FILES)
def test_a_broken_desk_file_fails_check_jsonschema_and_check_with_the_same_words(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    path, schema, key, cause, line = break_desk_file(newsroom, case)
    monkeypatch.chdir(newsroom.root)  # errors name files relative to where one stands

    validated = check_jsonschema(schema, path)
    assert validated.returncode == 1, validated.stdout
    assert key in validated.stdout and cause in validated.stdout, validated.stdout

    refusal = newsroom.refuses("check", exit_code=2)
    relative = path.relative_to(newsroom.root).as_posix()
    assert refusal.startswith(f"editorial: error: {relative}:{line}: "), refusal
    assert key in refusal and cause in refusal, refusal
    assert f"see 'editorial schema {schema}'" in refusal


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_editorial_schema_prints_a_valid_json_schema(newsroom: Newsroom, tmp_path: Path,
                                                      name: str) -> None:
    printed = newsroom.ok("schema", name).stdout
    schema = json.loads(printed)
    validator_for(schema).check_schema(schema)
    assert schema["title"] and schema["description"]
    for key, value in schema.get("properties", {}).items():
        assert value.get("title") and value.get("description"), (name, key)

    target = tmp_path / "out" / f"{name}.json"
    target.parent.mkdir()
    newsroom.ok("schema", name, "--output", str(target))
    assert target.read_text(encoding="utf-8") == printed
    assert newsroom.ok("schema", name, "--output", "-").stdout == printed


def test_an_unknown_schema_name_is_a_usage_error_listing_the_names(newsroom: Newsroom) -> None:
    refusal = newsroom.refuses("schema", "articles", exit_code=2)
    assert all(f"'{name}'" in refusal for name in SCHEMA_FILES), refusal


def test_status_does_not_load_jsonschema(newsroom: Newsroom) -> None:
    """Only check validates with the schemas: the listing stays as fast as it was."""
    newsroom.new_article()
    script = ("import sys\n"
              "from editorial.cli.main import cli\n"
              f"cli(['--repo', {str(newsroom.root)!r}, 'status', '--all'],"
              " standalone_mode=False)\n"
              "assert 'jsonschema' not in sys.modules, 'status imported jsonschema'\n")
    env = {**os.environ, "PYTHONPATH": str(WORKTREE)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=False)
    assert result.returncode == 0, result.stderr


def loads_jsonschema(newsroom: Newsroom, command: str) -> tuple[bool, str]:
    """Whether `editorial COMMAND` imported jsonschema, and its output, in a fresh process."""
    script = ("import sys\n"
              "from editorial.cli.main import cli\n"
              "try:\n"
              f"    cli(['--repo', {str(newsroom.root)!r}, {command!r}])\n"
              "except SystemExit:\n"
              "    pass\n"
              "assert 'editorial.core.schema_verdict' in sys.modules, 'no schema was asked'\n"
              "print('jsonschema' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(WORKTREE)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=False, cwd=newsroom.root)
    assert result.returncode == 0, result.stderr
    *output, loaded = result.stdout.strip().split("\n")
    return loaded == "True", "\n".join(output)


@pytest.mark.slow  # runs editorial in processes of its own
def test_check_of_a_valid_newsroom_does_not_load_jsonschema(newsroom: Newsroom) -> None:
    """Valid documents are judged without jsonschema (a fifth of a second to import); a
    broken one still gets check-jsonschema's words."""
    newsroom.new_article()
    newsroom.ok("check")
    loaded, _ = loads_jsonschema(newsroom, "check")
    assert not loaded

    newsroom.edit(ARTICLE, lambda document: document.meta.update(title=7))
    loaded, output = loads_jsonschema(newsroom, "check")
    assert loaded
    assert "title: 7 is not of type 'string'" in output


def init_newsroom(root: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(root), "--publication", "The Example Observer"],
                                env=person_env("dana"), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_init_points_editors_at_copies_of_the_schemas(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    init_newsroom(root)

    first_line = (root / "editorial.yaml").read_text(encoding="utf-8").split("\n")[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    named = root / first_line.removeprefix(prefix)
    assert named.read_bytes() == (SCHEMAS_DIR / SCHEMA_FILES["editorial.yaml"]).read_bytes()
    for file_name in SCHEMA_FILES.values():
        assert (root / ".editorial" / "schemas" / file_name).read_bytes() == \
            (SCHEMAS_DIR / file_name).read_bytes()

    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {glob: (root / path).resolve() for path, glob in settings["yaml.schemas"].items()}
    assert mapped == {
        "editorial.yaml": named.resolve(),
        "glossary.yaml": (root / ".editorial/schemas/glossary.json").resolve(),
        "workflows/*.yaml": (root / ".editorial/schemas/workflow.json").resolve(),
    }
    assert all(path.is_file() for path in mapped.values())
    # Everything init wrote is in its commit.
    assert git(root, "status", "--porcelain") == ""
    assert CliRunner().invoke(cli, ["--repo", str(root), "check"]).exit_code == 0


def test_init_leaves_a_folders_own_vscode_settings_alone(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    (root / ".vscode").mkdir(parents=True)
    own = '{"editor.fontSize": 15}\n'
    (root / ".vscode" / "settings.json").write_text(own, encoding="utf-8")
    init_newsroom(root)
    assert (root / ".vscode" / "settings.json").read_text(encoding="utf-8") == own
    assert (root / ".editorial" / "schemas" / "article.json").is_file()


def test_the_article_schema_lists_the_built_in_workflows_stages() -> None:
    """The schema's copy of the stage names, for editors that validate front matter without
    editorial, is the workflow file's: a stage added to one and not the other fails here."""
    article = json.loads((SCHEMAS_DIR / "article.json").read_text(encoding="utf-8"))
    (built_in,) = [rule for rule in article["allOf"]
                   if rule["if"]["properties"]["workflow"] == {"const": DEFAULT_WORKFLOW}]
    workflow = load_workflow(builtin_dir() / f"{DEFAULT_WORKFLOW}.yaml",
                             gate_arguments=gates.ARGUMENTS, effect_names=effects.EFFECTS)
    assert built_in["then"]["properties"]["stage"]["enum"] == list(workflow.stages)
