"""A step killed with SIGKILL at any git call it makes loses no work: a plain `git commit -a`
afterwards reverts nothing editorial wrote, and the next editorial command either finds the
step complete or puts everything back as it was before it.

Each step runs as its own process with a `git` script first on PATH that kills it before or
after one chosen git call (see testing.crashing); a randomized run kills a chain of steps at
random calls and random moments between them.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from testing.crashing import (
    Finished,
    finish,
    fsck_clean,
    install_git_script,
    leftovers,
    run_editorial,
    start_editorial,
    state,
)
from testing.newsroom import (
    Newsroom,
    built_once,
    copy_newsroom,
    toolkit_command,
)

TARGETS = [{"type": "hugo", "path": "site/content/articles"}]

# Every git call a step makes, in order, as the script logs them. After finding the
# repository, `rev-parse` reads HEAD, its tree and its branch. The step begins at `ls-files`
# (the user's index entries of its paths); `ls-tree` reads HEAD's folders on the paths, for
# the checks and for the new tree; then the journal and the files are written;
# `hash-object -w` and one `mktree --batch` build the tree; `config` asks about signing;
# then `commit-tree`, `diff-tree` (the proof), `update-index` (the user's index) and
# `update-ref`. The index holds HEAD's versions of the paths, so no file is hashed before.
STEP_CALLS = ("ls-files ls-tree hash-object mktree config commit-tree diff-tree "
              "update-index update-ref")
ASSIGN_CALLS = NEW_CALLS = f"rev-parse rev-parse {STEP_CALLS}"
# Publish first asks (`status`) whether its outputs hold uncommitted changes.
PUBLISH_CALLS = f"rev-parse status rev-parse {STEP_CALLS}"
# Reads whose kill leaves what the call before them leaves.
PURE_READS = {"config"}


@dataclass(frozen=True)
class Step:
    name: str
    args: tuple[str, ...]
    calls: tuple[str, ...]
    # The first call a kill is tried at: what comes before only finds the repository.
    first_kill: str = "ls-files"


STEPS = [
    # An existing article's article.md changes.
    Step("assign", ("assign", "first", "--translator", "tariq"), tuple(ASSIGN_CALLS.split())),
    # Three new files: the step that used to leave them staged for deletion.
    Step("new", ("new", "{source}", "--lang", "ar", "--id", "third", "--title", "Third",
                 "--outlet", "Example Daily", "--url", "https://example.org/third",
                 "--author", "Example Author"), tuple(NEW_CALLS.split())),
    # New output files of a hugo target.
    Step("publish", ("publish", "second"), tuple(PUBLISH_CALLS.split()), first_kill="status"),
]


@dataclass(frozen=True)
class KillPoint:
    step: Step
    call: str
    nth: int
    phase: str

    @property
    def lands(self) -> bool:
        """Whether the step's commit is on HEAD once killed here."""
        return self.call == "update-ref" and self.phase == "after"


QUICK_KILLS = {("status", "before"), ("hash-object", "after"), ("commit-tree", "after"),
               ("update-index", "before"), ("update-index", "after"), ("update-ref", "before"),
               ("update-ref", "after")}


def kill_points() -> list[pytest.ParameterSet]:
    """Before and after each call of each step: CI (`--slow`) kills them all. The quick
    run kills publish (whose calls include every call of the other steps) where its state
    turns: before it begins, once its files and objects are written, once its commit
    exists, and on either side of the branch's move and of the index's update."""
    points = []
    for step in STEPS:
        calls = step.calls
        for index in range(calls.index(step.first_kill), len(calls)):
            call = calls[index]
            if call in PURE_READS:
                continue
            nth = calls[:index + 1].count(call)
            for phase in ("before", "after"):
                point = KillPoint(step, call, nth, phase)
                quick = step.name == "publish" and (call, phase) in QUICK_KILLS
                marks = () if quick else (pytest.mark.slow,)
                points.append(pytest.param(point, id=f"{step.name}-{phase}-{call}-{nth}",
                                           marks=marks))
    return points


def first_and_second(newsroom: Newsroom) -> None:
    """`first` to assign and `second` ready to publish, with a hugo target."""
    newsroom.configure(publish={"targets": TARGETS})
    newsroom.new_article(article_id="first")
    newsroom.new_article(article_id="second")
    newsroom.advance_to("second", "ready")


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path / "killed", first_and_second)


def run_step(newsroom: Newsroom, step: Step, base: Path, **kill: str) -> Finished:
    source = base / "source.txt"
    source.write_text("مصدر جديد للمقال.\n", encoding="utf-8")
    env = {**install_git_script(base / "bin"), "EDITORIAL_TEST_GIT_LOG": str(base / "calls")}
    env.update({f"EDITORIAL_TEST_KILL_{key.upper()}": value for key, value in kill.items()})
    args = [arg.format(source=source) for arg in step.args]
    return run_editorial(newsroom.root, args, env=env)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_the_kill_points_are_every_git_call_a_step_makes(
        newsroom: Newsroom, step: Step, tmp_path: Path) -> None:
    finished = run_step(newsroom, step, tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert tuple((tmp_path / "calls").read_text().split()) == step.calls


@pytest.mark.parametrize("point", kill_points())
def test_a_step_killed_at_a_git_call_loses_nothing(
        newsroom: Newsroom, point: KillPoint, tmp_path: Path) -> None:
    before = state(newsroom)
    head = newsroom.git("rev-parse", "HEAD").strip()
    killed = run_step(newsroom, point.step, tmp_path, at=point.call, nth=str(point.nth),
                      phase=point.phase)
    assert killed.returncode == -9, (killed.returncode, killed.stderr)

    user_copy = copy_newsroom(newsroom.root, tmp_path / "user")
    the_user_commits_everything(user_copy)
    the_next_command_finishes_or_undoes(newsroom, point, before, head, tmp_path)


def test_a_step_killed_while_making_its_folders_leaves_none(
        newsroom: Newsroom, tmp_path: Path) -> None:
    """A kill inside the `mkdir -p` of an output's folders leaves the first of them made
    and the rest missing: undoing the step removes those it made, however far it got."""
    before = state(newsroom)
    publish = next(step for step in STEPS if step.name == "publish")
    killed = run_step(newsroom, publish, tmp_path, at="hash-object", phase="before")
    assert killed.returncode == -9, (killed.returncode, killed.stderr)
    # Journal and files are written by then; take back what the kill would not have reached.
    shutil.rmtree(newsroom.path("site/content/articles"))
    shutil.rmtree(newsroom.path("site/data"))
    assert newsroom.path("site/content").is_dir()

    result = newsroom.ok("status")
    assert "was interrupted" in result.stderr, result.stderr
    assert state(newsroom) == before


def the_user_commits_everything(newsroom: Newsroom) -> None:
    """(a) `git commit -a` straight after the crash keeps every file as it is on disk."""
    newsroom.git("commit", "-q", "-a", "--allow-empty", "-m", "user")
    assert newsroom.git("diff", "HEAD", "--name-status") == ""
    for line in newsroom.git("status", "--porcelain", "--untracked-files=all").splitlines():
        assert line.startswith("?? "), line
    # Nothing an earlier commit (the step's own, if it landed) holds is deleted or put back.
    for line in newsroom.git("diff", "--no-renames", "--name-status", "HEAD~1",
                             "HEAD").splitlines():
        status, path = line.split("\t", 1)
        assert status in ("A", "M"), line
        assert newsroom.git("show", f"HEAD:{path}").encode() == newsroom.path(path).read_bytes()
    fsck_clean(newsroom)
    # The next command leaves the user's commit alone.
    after_commit = state(newsroom)
    newsroom.ok("status")
    assert state(newsroom) == after_commit
    assert leftovers(newsroom) == []


def the_next_command_finishes_or_undoes(newsroom: Newsroom, point: KillPoint,
                                        before: dict[str, bytes | str], head: str,
                                        base: Path) -> None:
    """(b) The next command, whatever it is, completes the step or puts everything back."""
    pending = (newsroom.root / ".git" / "editorial" / "step.json").exists()
    result = newsroom.ok("status")
    assert ("was interrupted" in result.stderr) == pending, result.stderr
    assert leftovers(newsroom) == []
    fsck_clean(newsroom)
    if point.lands:
        assert newsroom.git("rev-parse", "HEAD~1").strip() == head
        assert newsroom.git("status", "--porcelain", "--untracked-files=all") == ""
        committed = set(newsroom.git("diff-tree", "-r", "--no-commit-id", "--name-only",
                                     "HEAD").split())
        now = state(newsroom)
        changed = {path for path in set(before) | set(now)
                   if not path.startswith("<") and before.get(path) != now.get(path)}
        assert committed == changed
        return
    assert state(newsroom) == before
    # Undone, the step can be taken again.
    args = [arg.format(source=base / "source.txt") for arg in point.step.args]
    newsroom.ok(*args)
    assert newsroom.git("rev-parse", "HEAD~1").strip() == head
    assert newsroom.git("status", "--porcelain", "--untracked-files=all") == ""


# -- randomized ---------------------------------------------------------------------------

RANDOM_RUNS = 100
SOURCE_TEXT = "مصدر جديد للمقال.\n"


@dataclass
class Chain:
    """Articles taken through their stages in one newsroom, one step at a time: a step is
    tried until it lands, then the next; a published article makes way for a new one."""

    newsroom: Newsroom
    source: Path
    number: int = 0
    stage: int = 0

    @property
    def article_id(self) -> str:
        return f"story-{self.number}"

    def next_step(self) -> tuple[str, list[str]]:
        """Who takes the next step, and its arguments."""
        steps = self.steps()
        person, args, drafted = steps[self.stage % len(steps)]
        if drafted and "The city council" not in self.newsroom.body(self.article_id,
                                                                    "translation.md"):
            # The translator's own work, on disk and uncommitted: a killed submit keeps it.
            self.newsroom.write_translation(self.article_id)
        return person, args

    def steps(self) -> list[tuple[str, list[str], bool]]:
        """Each step's person, arguments, and whether a translation is written before it:
        `new`, then the workflow's way to the site, with the article's editor named (a step
        that moves no stage) before the step that needs four eyes, which that editor takes."""
        article_id = self.article_id
        steps = [("dana", ["new", str(self.source), "--lang", "ar", "--id", article_id,
                           "--title", "A story", "--outlet", "Example Daily", "--url",
                           f"https://example.org/{article_id}", "--author", "Example Author"],
                  False)]
        workflow = self.newsroom.workflow()
        live = workflow.live_stage
        assert live is not None
        for transition in workflow.way(workflow.initial, live):
            if transition.four_eyes:
                steps += [("hana", ["assign", article_id, "--editor", "sami"], False),
                          ("sami", [transition.action, article_id], False)]
                continue
            drafted = any(gate.name == "translation-not-empty" for gate in transition.gates)
            steps.append((*toolkit_command(article_id, transition), drafted))
        return steps

    def landed(self) -> None:
        self.stage += 1
        if self.stage % len(self.steps()) == 0:
            self.number += 1

@dataclass
class Attempt:
    chain: Chain
    args: list[str]
    before: dict[str, bytes | str]
    head: str
    process: subprocess.Popen[str]


def random_kill(rng: random.Random) -> dict[str, str]:
    """Where the kill comes: before or after a random git call, or a random moment after
    one started (in git, between two calls, in editorial's own work); one time in four,
    a moment after the first `ls-tree`, about when the step writes its files."""
    if rng.random() < 0.25:
        at, nth, phase, delay = "ls-tree", 1, "delay", rng.uniform(0, 0.04)
    else:
        at, nth, delay = "*", rng.randint(1, 14), rng.uniform(0, 0.06)
        phase = rng.choice(["before", "after", "delay"])
    return {"EDITORIAL_TEST_KILL_AT": at, "EDITORIAL_TEST_KILL_NTH": str(nth),
            "EDITORIAL_TEST_KILL_PHASE": phase, "EDITORIAL_TEST_KILL_DELAY": f"{delay:.3f}"}


@pytest.mark.slow
def test_steps_killed_at_random_moments_lose_nothing(tmp_path: Path) -> None:
    script_env = install_git_script(tmp_path / "bin")
    # Two newsrooms, each killed in turn while the other is: twice the runs in the time.
    chains = []
    for name in ("one", "two"):
        chains.append(Chain(built_once(tmp_path / name, first_and_second), tmp_path / "source.txt"))
    chains[0].source.write_text(SOURCE_TEXT, encoding="utf-8")
    rng = random.Random(20240613)
    outcomes = {"undone": 0, "landed": 0, "recovered": 0}
    for run in range(0, RANDOM_RUNS, len(chains)):
        attempts = []
        for chain in chains:
            person, args = chain.next_step()
            newsroom = chain.newsroom
            log = newsroom.root.parent / "calls"
            log.unlink(missing_ok=True)
            env = {**script_env, "EDITORIAL_TEST_GIT_LOG": str(log), **random_kill(rng)}
            attempts.append(Attempt(chain, args, state(newsroom),
                                    newsroom.git("rev-parse", "HEAD").strip(),
                                    start_editorial(newsroom.root, args, person=person,
                                                    env=env)))
        for attempt in attempts:
            killed = finish(attempt.process)
            context = (run, attempt.args, killed.returncode, killed.stderr)
            assert killed.returncode in (0, -9), context
            newsroom = attempt.chain.newsroom
            outcomes["recovered"] += (newsroom.root / ".git" / "editorial" / "step.json"
                                      ).exists()
            result = newsroom.run("status")
            assert result.exit_code == 0, (*context, result.output)
            assert leftovers(newsroom) == [], context
            fsck_clean(newsroom)
            if newsroom.git("rev-parse", "HEAD").strip() == attempt.head:
                assert state(newsroom) == attempt.before, context
                outcomes["undone"] += 1
                continue
            assert newsroom.git("rev-parse", "HEAD~1").strip() == attempt.head, context
            assert newsroom.git("status", "--porcelain", "--untracked-files=all") == "", context
            outcomes["landed"] += 1
            attempt.chain.landed()
    # Both ends were reached, and crashes left steps in flight for the next command.
    assert outcomes["undone"] and outcomes["landed"] and outcomes["recovered"], outcomes
