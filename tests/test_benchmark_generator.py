"""The benchmark generator makes a newsroom that editorial reads, with the files its
commands write."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import generate as generator
from benchmarks.generate import (
    article_files,
    generate,
    in_progress_count,
    in_progress_stages,
    live_stage,
    plan_for,
    variant,
    variant_files,
)
from editorial.core.workflow import Transition
from testing.newsroom import Newsroom, git


@pytest.mark.slow  # generates a benchmark newsroom
def test_generated_newsroom_is_read_by_status(tmp_path: Path) -> None:
    root = generate(20, sample=6, repos=tmp_path, workers=1)
    newsroom = Newsroom(root)
    articles = newsroom.status_json()
    assert len(articles) == 20
    stages = {article["stage"] for article in articles}
    # Articles on the site, and the newest in every stage of unfinished work.
    assert {live_stage(), *in_progress_stages()} <= stages
    assert len(in_progress_stages()) > 1
    assert git(root, "status", "--porcelain") == ""
    # Source and translation agree paragraph for paragraph, number for number: what the
    # benchmarks time is a clean check, not one busy reporting the generator's own mistakes.
    assert newsroom.check_json() == (0, [])
    # The newest six were made through the Desk API, one commit per action (and the
    # translator's draft and the editor's edits); the archive before them in bulk.
    subjects = git(root, "log", "--format=%s").splitlines()
    assert sum(subject.startswith("Import the archive") for subject in subjects) == 1
    assert sum(subject.startswith("new: ") for subject in subjects) == 6
    # The archive, made without commits in a scratch newsroom, holds byte for byte what the
    # same steps leave in the repository with one commit each.
    scratch = tmp_path / "scratch"
    (scratch / "articles").mkdir(parents=True)
    (scratch / "editorial.yaml").write_bytes((root / "editorial.yaml").read_bytes())
    for index in range(14, 20):
        files = article_files(scratch, plan_for(index, 20, in_progress=in_progress_count(20)))
        assert len(files) == 3
        for path, data in files.items():
            assert (root / path).read_bytes() == data, path
    # Cached: asking again does not build again.
    stamp = (root / ".git" / "editorial-benchmark").stat().st_mtime_ns
    assert generate(20, sample=6, repos=tmp_path) == root
    assert (root / ".git" / "editorial-benchmark").stat().st_mtime_ns == stamp


def test_a_variant_is_what_the_desk_writes_for_it(tmp_path: Path) -> None:
    root = generate(3, sample=1, repos=tmp_path, workers=1)
    scratch = tmp_path / "scratch"
    (scratch / "articles").mkdir(parents=True)
    (scratch / "editorial.yaml").write_bytes((root / "editorial.yaml").read_bytes())
    base, own = plan_for(0, 3000, in_progress=60), plan_for(1, 3000, in_progress=60)
    assert (base.id, base.title) != (own.id, own.title)
    made = variant_files(base, article_files(scratch, base), own)
    assert made == article_files(scratch, variant(base, own))
    assert all(f"/{own.id}/" in path for path in made)


@pytest.mark.slow  # generates a benchmark newsroom
def test_a_large_archive_is_made_of_variants(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "UNIQUE_ARCHIVE", 4)
    root = generate(15, sample=2, repos=tmp_path, workers=1)
    articles = Newsroom(root).status_json()
    assert len({article["id"] for article in articles}) == 15
    assert git(root, "status", "--porcelain") == ""


def test_a_desks_own_action_is_taken_by_the_articles_person_with_its_role() -> None:
    plan = plan_for(0, 10, in_progress=1)

    def transition(roles: tuple[str, ...], **settings: object) -> Transition:
        return Transition("clear", ("ready",), "ready", roles, **settings)  # type: ignore[arg-type]

    assert plan.actor(transition(("editor",))) == plan.editor
    assert plan.actor(transition(("publisher",))) == plan.publisher
    assert plan.actor(transition(("translator",))) == plan.translator
    assert plan.actor(transition(("editor",), actor_key="translator")) == plan.translator
    # Four eyes: not the translator, even one who is also an editor (as sami is).
    sami = next(plan for plan in (plan_for(index, 100, in_progress=1) for index in range(100))
                if plan.translator == "sami")
    assert sami.actor(transition(("editor", "translator"))) == sami.editor
    assert sami.actor(transition(("translator", "editor"), four_eyes=True)) == sami.editor
    assert sami.actor(transition(("translator",))) == "sami"
