"""`editorial merge-driver`: two branches' versions of an article.md as one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from editorial.cli.main import cli
from editorial.core import frontmatter
from editorial.core.merging import merge_article
from editorial.vcs.mergefile import merge_text
from testing.newsroom import Newsroom, git, person_env, records

PATH = "articles/water/article.md"
BODY = "The council opened a station.\n\nIt serves 12000 families.\n"


def step(at: str, by: str, action: str, source: str | None, target: str) -> dict[str, Any]:
    return {"at": at, "by": by, "action": action, "from": source, "to": target}


REGISTERED = step("2026-03-01T09:00:00Z", "dana", "new", None, "source")
ASSIGNED = step("2026-03-01T09:05:00Z", "dana", "assign", "source", "translation")
# On one branch the chief names an editor; on the other the translator submits.
EDITOR = step("2026-03-02T10:00:00Z", "dana", "assign", "translation", "translation")
SUBMITTED = step("2026-03-02T11:00:00Z", "tariq", "submit", "translation", "editing")


def article(history: list[dict[str, Any]], body: str = BODY, **keys: object) -> bytes:
    meta: dict[str, Any] = {"id": "water", "title": "Water", "stage": history[-1]["to"],
                            "translator": "tariq", "updated_at": history[-1]["at"], **keys,
                            "history": history}
    return frontmatter.Document(meta, body).to_bytes()


def merged(base: bytes, ours: bytes, theirs: bytes) -> tuple[frontmatter.Document, list[str]]:
    result = merge_article(base, ours, theirs, path=PATH, merge_text=merge_text)
    return frontmatter.parse(result.data, path=PATH), result.conflicts


BASE = article([REGISTERED, ASSIGNED])


@pytest.mark.parametrize("ours_first", [True, False])
def test_both_branches_steps_are_kept_in_time_order(ours_first: bool) -> None:
    editor = article([REGISTERED, ASSIGNED, EDITOR], editor="hana")
    submitted = article([REGISTERED, ASSIGNED, SUBMITTED])
    ours, theirs = (editor, submitted) if ours_first else (submitted, editor)
    document, conflicts = merged(BASE, ours, theirs)
    assert conflicts == []
    assert document.meta["history"] == [REGISTERED, ASSIGNED, EDITOR, SUBMITTED]
    assert document.meta["stage"] == "editing"
    assert document.meta["updated_at"] == SUBMITTED["at"]
    assert document.meta["editor"] == "hana"
    assert document.body == BODY


def test_a_step_taken_at_the_old_stage_after_the_other_branch_moved_goes_before_the_move(
) -> None:
    """Named at stage translation after the translator (on another branch) submitted: the
    line of stages puts it before the submission, and the stage stays where that ends."""
    late_editor = step("2026-03-02T12:00:00Z", "dana", "assign", "translation", "translation")
    document, conflicts = merged(BASE, article([REGISTERED, ASSIGNED, SUBMITTED]),
                                 article([REGISTERED, ASSIGNED, late_editor], editor="hana"))
    assert conflicts == []
    assert document.meta["history"] == [REGISTERED, ASSIGNED, late_editor, SUBMITTED]
    assert document.meta["stage"] == "editing"
    assert document.meta["updated_at"] == late_editor["at"]


def test_a_step_on_both_branches_is_kept_once() -> None:
    both = article([REGISTERED, ASSIGNED, EDITOR], editor="hana")
    document, conflicts = merged(BASE, both, article([REGISTERED, ASSIGNED, EDITOR, SUBMITTED],
                                                     editor="hana"))
    assert conflicts == []
    assert document.meta["history"] == [REGISTERED, ASSIGNED, EDITOR, SUBMITTED]


def test_two_moves_from_the_same_stage_stay_a_conflict_that_never_says_keep_one_side(
) -> None:
    base = article([REGISTERED, ASSIGNED, SUBMITTED])
    approved = step("2026-03-03T09:00:00Z", "hana", "approve", "editing", "disclaimer")
    returned = {**step("2026-03-03T09:30:00Z", "dana", "return", "editing", "translation"),
                "note": "check the figures"}
    result = merge_article(base, article([REGISTERED, ASSIGNED, SUBMITTED, approved]),
                           article([REGISTERED, ASSIGNED, SUBMITTED, returned]), path=PATH,
                           merge_text=merge_text)
    assert len(result.conflicts) == 1  # the history; the stage follows from it
    message = result.conflicts[0]
    assert "both branches moved the article on from stage 'editing'" in message
    assert "approve by hana" in message and "return by dana" in message
    assert "git merge --abort" in message
    assert not any("keep one side" in line or "--ours" in line or "--theirs" in line
                   for line in result.conflicts)
    text = result.data.decode()
    # The history, and the stage it ends in, are marked; updated_at is the later one.
    assert text.count("<<<<<<< ours") == 2 and "approve" in text and "return" in text
    assert "updated_at: '2026-03-03T09:30:00Z'" in text


def test_a_branch_that_dropped_a_common_entry_is_a_conflict() -> None:
    document_data = article([REGISTERED, SUBMITTED | {"from": "source"}])
    result = merge_article(BASE, document_data, article([REGISTERED, ASSIGNED, EDITOR]),
                           path=PATH, merge_text=merge_text)
    assert result.conflicts and "history is append-only" in result.conflicts[0]
    assert "ours changed or dropped history[1] (assign by dana" in result.conflicts[0]


def test_other_keys_merge_one_by_one() -> None:
    ours = article([REGISTERED, ASSIGNED], title="Water station")
    theirs = article([REGISTERED, ASSIGNED], editor="hana")
    document, conflicts = merged(BASE, ours, theirs)
    assert conflicts == []
    assert (document.meta["title"], document.meta["editor"]) == ("Water station", "hana")

    result = merge_article(BASE, ours, article([REGISTERED, ASSIGNED], title="Pumps"),
                           path=PATH, merge_text=merge_text)
    assert result.conflicts == [
        f"{PATH}: both branches changed 'title' (ours: 'Water station', theirs: 'Pumps'), "
        f"marked in the front matter: write the value it should have, then 'git add {PATH}'"]
    assert ("<<<<<<< ours\ntitle: Water station\n=======\ntitle: Pumps\n>>>>>>> theirs\n"
            in result.data.decode())


def test_the_body_merges_line_by_line_and_a_conflict_is_left_marked() -> None:
    ours_body = BODY.replace("opened", "has opened")
    theirs_body = BODY.replace("12000", "12,000")
    document, conflicts = merged(BASE, article([REGISTERED, ASSIGNED, EDITOR], ours_body),
                                 article([REGISTERED, ASSIGNED, SUBMITTED], theirs_body))
    assert conflicts == []
    assert document.body == "The council has opened a station.\n\nIt serves 12,000 families.\n"

    result = merge_article(BASE, article([REGISTERED, ASSIGNED, EDITOR], ours_body),
                           article([REGISTERED, ASSIGNED, SUBMITTED],
                                   BODY.replace("opened", "closed")),
                           path=PATH, merge_text=merge_text)
    assert len(result.conflicts) == 1 and "edit the text" in result.conflicts[0]
    document = frontmatter.parse(result.data, path=PATH)
    assert document.meta["history"] == [REGISTERED, ASSIGNED, EDITOR, SUBMITTED]
    assert document.body.startswith("<<<<<<< ours\nThe council has opened a station.\n"
                                    "=======\nThe council closed a station.\n>>>>>>> theirs\n")


def test_the_command_writes_ours_and_exits_1_on_a_conflict(tmp_path: Path) -> None:
    files = {}
    for name, data in (("base", BASE), ("ours", article([REGISTERED, ASSIGNED, EDITOR])),
                       ("theirs", article([REGISTERED, ASSIGNED, SUBMITTED]))):
        files[name] = tmp_path / name
        files[name].write_bytes(data)
    runner = CliRunner()
    args = ["merge-driver", *(str(files[name]) for name in ("base", "ours", "theirs"))]
    result = runner.invoke(cli, [*args, PATH], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert frontmatter.read(files["ours"]).meta["history"][-2:] == [EDITOR, SUBMITTED]

    files["ours"].write_bytes(b"one\n")
    files["base"].write_bytes(b"zero\n")
    files["theirs"].write_bytes(b"two\n")
    result = runner.invoke(cli, [*args, "articles/water/source.md"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "source.md" in result.stderr
    assert files["ours"].read_bytes() == b"<<<<<<< ours\none\n=======\ntwo\n>>>>>>> theirs\n"


def test_ours_is_kept_byte_for_byte_when_theirs_adds_nothing() -> None:
    ours = article([REGISTERED, ASSIGNED, EDITOR]).replace(b"title: Water\n",
                                                           b"title:   Water  # hand-written\n")
    result = merge_article(BASE, ours, BASE, path=PATH, merge_text=merge_text)
    assert (result.data, result.conflicts) == (ours, [])


# -- installation ------------------------------------------------------------------------

def test_init_installs_the_driver_for_article_md(newsroom: Newsroom) -> None:
    assert newsroom.git("show", "HEAD~1:.gitattributes") == \
        "articles/*/article.md merge=editorial\n"
    assert newsroom.git("check-attr", "merge", "articles/a/article.md").strip() == \
        "articles/a/article.md: merge: editorial"
    assert newsroom.git("config", "merge.editorial.driver").strip() == \
        "editorial merge-driver %O %A %B %P"


def test_an_existing_newsroom_or_clone_installs_it_with_init_merge_driver(
        newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.git("rm", "-q", ".gitattributes")
    (newsroom.root / ".gitattributes").write_text("*.pdf binary", encoding="utf-8")
    newsroom.commit_all("attributes of our own")
    newsroom.git("config", "--unset", "merge.editorial.driver")
    commits = newsroom.commit_count()

    result = newsroom.ok("init", str(newsroom.root), "--merge-driver")
    assert "wrote .gitattributes" in result.stderr
    assert newsroom.commit_count() == commits + 1
    assert newsroom.git("show", "HEAD:.gitattributes") == \
        "*.pdf binary\narticles/*/article.md merge=editorial\n"
    assert newsroom.git("config", "merge.editorial.driver").strip() == \
        "editorial merge-driver %O %A %B %P"
    again = newsroom.ok("init", str(newsroom.root), "--merge-driver")
    assert "already installed" in again.stderr and newsroom.commit_count() == commits + 1

    # A clone has the attribute but not git's configuration, which is not cloned.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(newsroom.root), str(clone))
    copy = Newsroom(clone)
    unset = subprocess.run(["git", "config", "merge.editorial.driver"], cwd=clone, check=False)
    assert unset.returncode == 1
    copy.ok("init", str(clone), "--merge-driver")
    assert copy.git("config", "merge.editorial.driver").strip() == \
        "editorial merge-driver %O %A %B %P"
    assert copy.commit_count() == commits + 1


# -- acceptance: two clones, two branches, one article ---------------------------------

WORKTREE = Path(__file__).resolve().parent.parent


def clone(origin: Path, folder: Path, person: str) -> Newsroom:
    git(origin.parent, "clone", "-q", str(origin), str(folder))
    for key, value in person_env(person).items():
        git(folder, "config", f"user.{key.split('_')[-1].lower()}", value)
    copy = Newsroom(folder)
    copy.ok("init", str(folder), "--merge-driver", as_person=person)
    return copy


@pytest.mark.parametrize("chief_first", [
    pytest.param(True, id="chief-first"),
    # Two clones and a remote: the other order is the same work, run by CI.
    pytest.param(False, id="translator-first", marks=pytest.mark.slow),
])
def test_the_chief_and_the_translator_act_on_one_article_on_parallel_branches(
        newsroom: Newsroom, tmp_path: Path, chief_first: bool) -> None:
    newsroom.new_article(article_id="water")
    newsroom.ok("assign", "water", "--translator", "tariq")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(newsroom.root), str(origin))
    chief = clone(origin, tmp_path / "chief", "dana")
    translator = clone(origin, tmp_path / "translator", "tariq")

    def reassign() -> None:
        chief.ok("assign", "water", "--editor", "hana")
        chief.git("push", "-q", "origin", "main")

    def submit() -> None:
        translator.branch("submit-water")
        translator.write_translation("water")
        translator.ok("submit", "water", as_person="tariq")

    first, second = (reassign, submit) if chief_first else (submit, reassign)
    first()
    time.sleep(1.1)  # history times are in seconds: the second step is a second later
    second()
    translator.git("fetch", "-q", "origin")

    # git runs the driver as a command: this checkout's editorial, as installed.
    driver_env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                  "PYTHONPATH": str(WORKTREE)}
    git(translator.root, "merge", "--no-commit", "--no-ff", "origin/main", env=driver_env)
    assert (translator.root / ".git" / "MERGE_HEAD").exists()
    meta = translator.meta("water")
    history = records(meta, "history")
    assert [(entry["action"], entry["by"]) for entry in history[-2:]] == [
        ("assign", "dana"), ("submit", "tariq")]
    assert (meta["stage"], meta["editor"], meta["translator"]) == ("editing", "hana", "tariq")
    assert meta["updated_at"] == max(str(entry["at"]) for entry in history)
    assert translator.errors_by_rule("--base", "origin/main") == {}

    git(translator.root, "commit", "-q", "--no-edit", env=person_env("tariq"))
    assert translator.errors_by_rule("--base", "origin/main") == {}
    assert translator.errors_by_rule() == {}
