"""Build real newsroom repositories in a temporary folder and drive them like a user would.

Every git call is the real `git` binary; identities are pinned per person through the
GIT_AUTHOR_* and GIT_COMMITTER_* variables, as a person's own git config would.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import cast

import yaml
from click.testing import CliRunner, Result
from pytest import MonkeyPatch

from editorial.cli.main import cli
from editorial.core import frontmatter
from editorial.core.article import format_time, utc_now
from editorial.core.checks.base import Problem
from editorial.core.desk import Desk
from editorial.core.listing_cache import CACHE_DIR, CACHE_FILE, find_git_dir
from editorial.core.newsroom import Newsroom as CoreNewsroom
from editorial.core.workflow import Transition, Workflow, builtin_dir

# The id `Newsroom.new_article` gives unless told otherwise.
FIRST_ARTICLE = "water-station"

PEOPLE: dict[str, dict[str, object]] = {
    "dana": {"name": "Dana Desk", "email": "dana@example.org",
             "roles": ["editor", "publisher"]},
    "tariq": {"name": "Tariq Translator", "email": "tariq@example.org",
              "roles": ["translator"]},
    "hana": {"name": "Hana Editor", "email": "hana@example.org", "roles": ["editor"]},
    "sami": {"name": "Sami Both", "email": "sami@example.org",
             "roles": ["translator", "editor"]},
}

SOURCE_AR = (
    "أعلنت بلدية المدينة صباح الأحد عن افتتاح محطة جديدة لضخ المياه في الحي الشرقي.\n\n"
    "وقال رئيس البلدية إن المحطة ستخدم نحو ١٢٠٠٠ أسرة بعد انقطاع دام 3 أشهر.\n"
)
# The original headline: the texts above open with a sentence, which `new` does not take
# for one.
SOURCE_TITLE_AR = "افتتاح محطة مياه في الحي الشرقي"
TRANSLATION_EN = (
    "The city council announced on Sunday morning the opening of a new water pumping station "
    "in the eastern district.\n\n"
    "The mayor said the station would serve about 12000 families after an outage of 3 months.\n"
)


# How the toolkit takes each action of the built-in workflow that has a command: the command's
# arguments and who takes it (the translator submits; hana, who did not translate, edits).
TOOLKIT_ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "assign": (("--translator", "tariq"), "dana"),
    "submit": ((), "tariq"),
    "approve": ((), "hana"),
    "disclaim": ((), "hana"),
    "publish": ((), "dana"),
}

# What the workflow `renamed_workflow` gives calls the built-in one's live and withdrawn stages.
RENAMED = {"published": "online", "withdrawn": "taken-down"}


def renamed_workflow() -> str:
    """The built-in workflow with its live and withdrawn stages under other names, as a desk's
    own workflow file named `renamed` (for `Newsroom.adopt_workflow`)."""
    data = yaml.safe_load((builtin_dir() / "translation.yaml").read_text(encoding="utf-8"))
    data["name"] = "renamed"
    data["stages"] = {RENAMED.get(name, name): settings
                      for name, settings in data["stages"].items()}
    for transition in data["transitions"]:
        transition["from"] = [RENAMED.get(name, name) for name in transition["from"]]
        transition["to"] = RENAMED.get(transition["to"], transition["to"])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def person_env(person: str) -> dict[str, str]:
    entry = PEOPLE[person]
    name, email = str(entry["name"]), str(entry["email"])
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def isolate_git(home: Path, monkeypatch: MonkeyPatch) -> None:
    """No global or system git config, a pinned identity, a fixed default branch, and no CI
    variable."""
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_INDEX_FILE", raising=False)
    monkeypatch.delenv("EDITORIAL_DEBUG", raising=False)
    # Tests run at a desk, even when CI runs them: `check --base` looks at uncommitted work.
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    for key, value in person_env("dana").items():
        monkeypatch.setenv(key, value)


def git(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    completed = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                               env={**os.environ, **(env or {})}, check=True)
    return completed.stdout


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under `root` (outside .git) and its bytes, by relative path."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts or not path.is_file():
            continue
        files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def records(meta: Mapping[str, object], key: str) -> list[dict[str, object]]:
    """A front matter list of mappings (history, corrections, outputs), checked to be one."""
    value = meta[key]
    assert isinstance(value, list), (key, value)
    assert all(isinstance(entry, dict) for entry in value), (key, value)
    return value


@dataclass
class Newsroom:
    """A newsroom repository on disk, and a way to run editorial in it as someone."""

    root: Path
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, *args: str, as_person: str | None = "dana", input_text: str | None = None,
            env: Mapping[str, str] | None = None) -> Result:
        """Run `editorial ARGS` in the repo with `as_person`'s git identity (no --as)."""
        identity = person_env(as_person) if as_person else {}
        return self.runner.invoke(cli, ["--repo", str(self.root), *args], input=input_text,
                                  env={**identity, **(env or {})}, catch_exceptions=False)

    def ok(self, *args: str, as_person: str | None = "dana",
           input_text: str | None = None) -> Result:
        result = self.run(*args, as_person=as_person, input_text=input_text)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        return result

    def refuses(self, *args: str, as_person: str | None = "dana", input_text: str | None = None,
                env: Mapping[str, str] | None = None, exit_code: int = 1) -> str:
        """Run a command that must be refused: `exit_code`, exactly one line on stderr, no
        traceback, nothing on stdout, and every file and git's view of them left as they were.
        Returns the one line, for the caller to check what it says."""
        before = self.snapshot()
        result = self.run(*args, as_person=as_person, input_text=input_text, env=env)
        assert result.exit_code == exit_code, (args, result.exit_code, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith("editorial: "), lines
        assert "Traceback" not in result.output
        assert result.stdout == "", (args, result.stdout)
        assert self.snapshot() == before, args
        return lines[0]

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def desk(self, person: str, *, at: datetime) -> Desk:
        """The library API as `person`, on a clock stopped at `at`, committing for real:
        to build articles that entered their stages at known times."""
        from editorial.vcs.git import GitRepo, Identity

        core = CoreNewsroom(self.root)
        entry = PEOPLE[person]
        identity = Identity(str(entry["name"]), str(entry["email"]))
        return Desk(core, core.person(person), vcs=GitRepo(self.root, identity=identity),
                    clock=lambda: at)

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def article_path(self, article_id: str, name: str = "article.md") -> Path:
        return self.root / "articles" / article_id / name

    def meta(self, article_id: str, name: str = "article.md") -> dict[str, object]:
        text = self.article_path(article_id, name).read_text(encoding="utf-8")
        loaded = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(loaded, dict)
        return loaded

    def commit_count(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").strip())

    def snapshot(self) -> dict[str, bytes | str]:
        """Every file's bytes and git's view of the tree: to prove a refusal changed nothing."""
        files: dict[str, bytes | str] = dict(files_of(self.root))
        files["<git status>"] = self.git("status", "--porcelain=v1", "--untracked-files=all")
        files["<HEAD>"] = self.git("rev-parse", "HEAD")
        return files

    def configure(self, **sections: object) -> None:
        """Set top-level keys of editorial.yaml (e.g. publish={...}) and commit them."""
        config_path = self.path("editorial.yaml")
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        config.update(sections)
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
        git(self.root, "commit", "-qm", "configure the desk", "--", "editorial.yaml",
            env=person_env("dana"))

    def edit_body(self, article_id: str, old: str, new: str) -> None:
        """Edit article.md's body as an editor would, in the working tree."""

        def replace(text: str) -> str:
            assert old in text, old
            return text.replace(old, new, 1)

        self.edit_text(article_id, replace)

    @property
    def front_matter_cache(self) -> Path:
        git_dir = find_git_dir(self.root)
        assert git_dir is not None
        return git_dir / CACHE_DIR / CACHE_FILE

    def status_json(self, *args: str) -> list[dict[str, object]]:
        """`status --all --json ARGS`, parsed: what the front matter cache must never alter."""
        articles = json.loads(self.ok("status", "--all", "--json", *args).stdout)["articles"]
        assert isinstance(articles, list)
        return articles

    def status_without_cache(self, *args: str) -> list[dict[str, object]]:
        """The same listing computed from the files alone: the cache removed first."""
        shutil.rmtree(self.front_matter_cache.parent, ignore_errors=True)
        return self.status_json(*args)

    def write_translation(self, article_id: str, text: str = TRANSLATION_EN) -> None:
        self.write_body(article_id, "translation.md", text)

    def write_body(self, article_id: str, name: str, text: str) -> None:
        """Replace the body of one of the article's files, keeping its front matter."""
        path = self.article_path(article_id, name)
        head = path.read_text(encoding="utf-8").split("---\n", 2)
        path.write_text(f"---\n{head[1]}---\n{text}", encoding="utf-8")

    def body(self, article_id: str, name: str = "article.md") -> str:
        return self.article_path(article_id, name).read_text(encoding="utf-8").split("---\n", 2)[2]

    def findings(self, article_id: str, rule_id: str) -> list[Problem]:
        """What one check rule finds in the article's files as they are on disk."""
        from editorial.core.checks import load_rules
        from editorial.core.checks.base import ArticleCheck, ArticleFiles, run_rules
        from editorial.core.newsroom import Newsroom as Desk

        folder = self.root / "articles" / article_id
        files = {name: (folder / name).read_bytes() if (folder / name).is_file() else None
                 for name in ("article.md", "source.md", "translation.md")}
        check = ArticleCheck(Desk(self.root), article_id, ArticleFiles(article_id, files))
        # The rule asked for runs whatever it reads, the whole archive included.
        return list(run_rules(check, {}, [load_rules()[rule_id]], whole_newsroom=True))

    def new_article(self, *, article_id: str = FIRST_ARTICLE, source: str = SOURCE_AR,
                    extra: Sequence[str] = ()) -> str:
        source_file = self.root.parent / f"{article_id}-source.txt"
        source_file.write_text(source, encoding="utf-8")
        result = self.ok("new", str(source_file), "--lang", "ar", "--id", article_id,
                         "--title", "New water station opens in the east",
                         "--outlet", "Example Daily", "--url", "https://example.org/water",
                         "--author", "Example Author", "--source-title", SOURCE_TITLE_AR,
                         *extra)
        return result.stdout.strip()

    # -- branches and hand edits, for `editorial check` -----------------------------------

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def switch(self, name: str) -> None:
        self.git("checkout", "-q", name)

    def branch_with_a_merge(self) -> str:
        """Articles `ours` and `theirs`, then a branch `feature` off main that edits `ours`
        and merges a branch `side` that edited `theirs`; the base (main) is returned."""
        for article_id in ("ours", "theirs"):
            self.new_article(article_id=article_id)
        base = self.git("rev-parse", "HEAD").strip()
        self.branch("side")
        self.edit_text("theirs", lambda text: text + "side\n", name="source.md")
        self.commit_all("on the side")
        self.switch("main")
        self.branch("feature")
        self.edit_text("ours", lambda text: text + "feature\n", name="source.md")
        self.commit_all("on the feature")
        self.git("merge", "-q", "--no-ff", "-m", "merge the side", "side")
        return base

    def adopt_workflow(self, name: str, text: str, message: str) -> None:
        """Add workflows/NAME.yaml (`text`) and make it the desk's default, by hand, in one
        commit with `message`."""
        (self.root / "workflows").mkdir(exist_ok=True)
        (self.root / "workflows" / f"{name}.yaml").write_text(text, encoding="utf-8")
        config = self.root / "editorial.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "workflow: translation", f"workflow: {name}"), encoding="utf-8")
        self.commit_all(message)

    def commit_all(self, message: str, *, as_person: str = "dana") -> str:
        """Commit every change in the work tree as `as_person`, as a hand edit would be."""
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message, env=person_env(as_person))
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, article_id: str, change: Callable[[frontmatter.Document], None],
             name: str = "article.md") -> None:
        """Change a file's front matter or body in place, keeping the rest byte for byte."""
        path = self.article_path(article_id, name)
        document = frontmatter.read(path)
        change(document)
        path.write_bytes(document.to_bytes())

    def edit_text(self, article_id: str, change: Callable[[str], str],
                  name: str = "article.md") -> None:
        path = self.article_path(article_id, name)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def append_step(self, article_id: str, action: str, to: str, *, by: str,
                    at: str | None = None, note: str | None = None) -> None:
        """Record a history step by hand, the way someone bypassing the commands would; at
        the present time unless `at` says otherwise."""

        def change(document: frontmatter.Document) -> None:
            history = document.meta["history"]
            entry: dict[str, object] = {"at": at or format_time(utc_now()), "by": by,
                                        "action": action, "from": document.meta["stage"],
                                        "to": to}
            if note:
                entry["note"] = note
            history.append(entry)
            document.meta["stage"] = to

        self.edit(article_id, change)

    def check(self, *args: str, env: Mapping[str, str] | None = None) -> Result:
        return self.run("check", *args, as_person=None, env=env)

    def check_json(self, *args: str) -> tuple[int, list[dict[str, object]]]:
        """Exit code and problems of `editorial check --format json ARGS`."""
        result = self.check("--format", "json", *args)
        problems = json.loads(result.stdout)["problems"]
        assert isinstance(problems, list)
        return result.exit_code, problems

    def errors_by_rule(self, *args: str) -> dict[str, list[str]]:
        """The messages of each rule with errors in `check ARGS`, whose exit code must say
        the same."""
        code, problems = self.check_json(*args)
        found: dict[str, list[str]] = {}
        for problem in problems:
            if problem["severity"] == "error":
                found.setdefault(str(problem["rule"]), []).append(str(problem["message"]))
        assert code == (1 if found else 0), problems
        return found

    def rules_failing(self, *args: str) -> set[str]:
        code, problems = self.check_json(*args)
        rules = {str(problem["rule"]) for problem in problems if problem["severity"] == "error"}
        assert (code == 1) == bool(rules), (code, problems)
        return rules

    def workflow(self, article_id: str | None = None) -> Workflow:
        """The workflow of an article, or the desk's own default one, as editorial reads it."""
        desk = CoreNewsroom(self.root)
        if article_id is None:
            return desk.workflows.get(desk.config.workflow)
        return desk.workflow_of(desk.load(article_id))

    def stages_to(self, stage: str, article_id: str | None = None) -> list[str]:
        """The stages an article goes through from the workflow's first to `stage`, both
        included, the way `advance_to` takes it."""
        workflow = self.workflow(article_id)
        return [workflow.initial, *(t.target for t in workflow.way(workflow.initial, stage))]

    def advance_to(self, article_id: str, stage: str) -> None:
        """Drive an article with the commands, by the people allowed, from where it is on to
        `stage`, along the shortest way its workflow's transitions give."""
        current = str(self.meta(article_id)["stage"])
        for transition in self.workflow(article_id).way(current, stage):
            self.take(article_id, transition)

    def take(self, article_id: str, transition: Transition, *,
             translation: str = TRANSLATION_EN) -> str:
        """Take one transition as the person whose job it is, with what its gates need
        (`translation` written where one must be); returns who took it."""
        if any(gate.name == "translation-not-empty" for gate in transition.gates):
            self.write_translation(article_id, translation)
        person, args = toolkit_command(article_id, transition)
        self.ok(*args, as_person=person)
        return person


def toolkit_command(article_id: str, transition: Transition) -> tuple[str, list[str]]:
    """Who takes `transition` in the toolkit, and the arguments of `editorial` that take it."""
    command = TOOLKIT_ACTIONS.get(transition.action)
    if command is not None:
        arguments, person = command
        return person, [transition.action, article_id, *arguments]
    # A desk's own action has no command of its own: `move` takes it, by the first test
    # person with its role.
    person = next(name for name, entry in PEOPLE.items()
                  if set(transition.roles) & set(cast(list[str], entry["roles"])))
    note = ("--note", "taken by the test toolkit") if transition.note_required else ()
    return person, ["move", article_id, transition.action, *note]


def make_newsroom(base: Path, *, publication: str = "The Example Observer",
                  people: Mapping[str, Mapping[str, object]] | None = None) -> Newsroom:
    """A committed newsroom at base/newsroom with the test people, made by `editorial init`.

    The first newsroom of each kind a test process asks for is made by `editorial init` and
    kept; later ones are copies of it (`_copy_of_made`).
    """
    key = ("init", publication, json.dumps(people or PEOPLE, sort_keys=True))
    return _copy_of_made(base, key, lambda root: _init_newsroom(root, publication,
                                                                people or PEOPLE))


def built_once(base: Path, build: Callable[[Newsroom], object]) -> Newsroom:
    """A newsroom at base/newsroom as `build` leaves one that make_newsroom made.

    For fixtures that drive a desk through many commands: the first call for a `build` in a
    test process runs it, later calls copy the repository it made, so each test still gets
    a newsroom of its own at the price of a copy.
    """
    def run_build(root: Path) -> None:
        newsroom = make_newsroom(root.parent)
        build(newsroom)
    return _copy_of_made(base, ("built", build.__module__, build.__qualname__), run_build)


def article_at(base: Path, stage: str) -> tuple[Newsroom, str]:
    """A newsroom at base/newsroom whose one article, `new_article`'s, the commands have
    taken to `stage`, and its id: what many tests begin with, made once per stage and test
    process (as `built_once`), then copied."""
    def take_there(root: Path) -> None:
        newsroom = make_newsroom(root.parent)
        newsroom.advance_to(newsroom.new_article(), stage)
    return _copy_of_made(base, ("article at", stage), take_there), FIRST_ARTICLE


def demo_newsroom(base: Path) -> Newsroom:
    """A newsroom at base/newsroom as `editorial demo` makes it (run once per test process,
    then copied)."""
    def run_demo(root: Path) -> None:
        result = CliRunner().invoke(cli, ["demo", str(root)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return _copy_of_made(base, ("demo",), run_demo)


_MADE: dict[tuple[str, ...], Path] = {}


def _copy_of_made(base: Path, key: tuple[str, ...], make: Callable[[Path], object]) -> Newsroom:
    """A copy at base/newsroom of the newsroom `make` made (`copy_newsroom`); `make` runs
    once per key and test process, in a folder of its own."""
    if key not in _MADE:
        root = Path(tempfile.mkdtemp(prefix="editorial-test-newsroom-")) / "newsroom"
        make(root)
        _pack(Newsroom(root))
        _MADE[key] = root
    return copy_newsroom(_MADE[key], base)


def _pack(newsroom: Newsroom) -> None:
    """Few files to copy: git's objects in one pack, without its sample hooks."""
    newsroom.git("gc", "--quiet", "--prune=now")
    for sample in (newsroom.root / ".git" / "hooks").glob("*.sample"):
        sample.unlink()


def copy_newsroom(template: Path, base: Path) -> Newsroom:
    """A newsroom of its own at base/newsroom for one test, copied from `template`, .git and
    all, as `cp -r` of a repository would make. The copies are files written now, whose
    stat data git's index does not hold: git reads them again, as after any copy."""
    root = base / "newsroom"
    shutil.copytree(template, root, symlinks=True, copy_function=shutil.copy)
    return Newsroom(root, CliRunner())


@atexit.register
def _remove_made_newsrooms() -> None:
    for root in _MADE.values():
        shutil.rmtree(root.parent, ignore_errors=True)


def _init_newsroom(root: Path, publication: str,
                   people: Mapping[str, Mapping[str, object]]) -> None:
    result = CliRunner().invoke(cli, ["init", str(root), "--publication", publication],
                                env=person_env("dana"), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    config_path = root / "editorial.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["people"] = dict(people)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    git(root, "commit", "-qam", "the desk's people", env=person_env("dana"))
