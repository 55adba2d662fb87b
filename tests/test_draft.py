"""`editorial draft`: a first translation from the memory, the rest marked or machine-made."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from editorial.core import frontmatter
from testing.memory import (
    NEWER,
    OLDER,
    OLDER_ENGLISH,
    OLDER_SOURCE,
    UNSEEN,
    in_translation,
    publish,
)
from testing.newsroom import Newsroom, built_once, records

REPEATED_ENGLISH = "The finance ministry had made no official comment by this evening."
VARIED_ENGLISH = ("A council spokesman said the budget sets aside a large share for repairing "
                  "roads and schools in the countryside.")
MACHINE_ENGLISH = "Dozens of residents protested outside the governorate building."


def published_and_in_translation(newsroom: Newsroom) -> None:
    publish(newsroom, OLDER, OLDER_SOURCE, OLDER_ENGLISH)
    in_translation(newsroom)


@pytest.fixture
def desk(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, published_and_in_translation)


def engine(tmp_path: Path, body: str) -> str:
    """A machine-translation command: a small Python program reading the source paragraph
    on stdin."""
    program = tmp_path / "engine.py"
    program.write_text("import sys\nsource = sys.stdin.read()\n" + body, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(program))}"


def translation(newsroom: Newsroom) -> frontmatter.Document:
    return frontmatter.read(newsroom.article_path(NEWER, "translation.md"))


def test_memory_fills_exact_and_fuzzy_matches_and_marks_the_rest(desk: Newsroom) -> None:
    commits = desk.commit_count()
    result = desk.ok("draft", NEWER, as_person="tariq")
    assert "2 from memory (1 exact)" in result.stderr
    assert desk.commit_count() == commits + 1
    document = translation(desk)
    first, second, third = document.body.rstrip("\n").split("\n\n")
    assert (first, second) == (REPEATED_ENGLISH, VARIED_ENGLISH)
    assert third == f"[[untranslated: {UNSEEN}]]"
    origins = document.meta["draft"]
    assert origins[0] == {"paragraph": 1, "origin": "memory", "article": OLDER, "score": 100}
    assert origins[1]["origin"] == "memory" and 75 <= origins[1]["score"] < 100
    assert origins[2] == {"paragraph": 3, "origin": "translator"}
    step = records(desk.meta(NEWER), "history")[-1]
    assert (step["action"], step["by"], step["from"], step["to"]) == (
        "draft", "tariq", "translation", "translation")
    assert desk.git("status", "--porcelain") == ""
    # The step is one `check` accepts as a translator's.
    assert "transition" not in desk.rules_failing()


def test_an_unfinished_paragraph_refuses_submit_and_is_a_finding(desk: Newsroom) -> None:
    desk.ok("draft", NEWER, as_person="tariq")
    line = desk.refuses("submit", NEWER, as_person="tariq")
    assert "paragraph 3 is not translated yet" in line
    assert "untranslated-paragraph" in line and "translation.md:" in line
    [finding] = desk.findings(NEWER, "untranslated-paragraph")
    assert finding.path == f"articles/{NEWER}/translation.md"
    lines = desk.article_path(NEWER, "translation.md").read_text(encoding="utf-8").split("\n")
    assert lines[(finding.line or 0) - 1].startswith("[[untranslated:")
    desk.edit(NEWER, lambda document: setattr(document, "body", document.body.replace(
        f"[[untranslated: {UNSEEN}]]", MACHINE_ENGLISH)), name="translation.md")
    assert desk.findings(NEWER, "untranslated-paragraph") == []
    desk.ok("submit", NEWER, as_person="tariq")
    assert "[[untranslated" not in desk.body(NEWER)


def test_a_machine_translation_command_fills_the_rest(desk: Newsroom, tmp_path: Path) -> None:
    command = engine(tmp_path, f"assert source.strip() == {UNSEEN!r}\n"
                               f"print({MACHINE_ENGLISH!r})\n")
    desk.ok("draft", NEWER, "--engine", command, as_person="tariq")
    document = translation(desk)
    assert document.body.rstrip("\n").split("\n\n")[2] == MACHINE_ENGLISH
    assert document.meta["draft"][2] == {"paragraph": 3, "origin": "machine",
                                         "engine": command}
    desk.ok("submit", NEWER, as_person="tariq")


def test_the_engine_can_be_the_desks_setting(desk: Newsroom, tmp_path: Path) -> None:
    desk.configure(memory={"engine": engine(tmp_path, f"print({MACHINE_ENGLISH!r})\n")})
    desk.ok("draft", NEWER, as_person="tariq")
    assert translation(desk).meta["draft"][2]["origin"] == "machine"


def test_a_failing_engine_is_refused_naming_the_paragraph(desk: Newsroom,
                                                          tmp_path: Path) -> None:
    command = engine(tmp_path, "sys.stderr.write('model not loaded\\n')\nsys.exit(3)\n")
    line = desk.refuses("draft", NEWER, "--engine", command, as_person="tariq")
    assert "failed on source paragraph 3" in line and "exit 3: model not loaded" in line
    missing = desk.refuses("draft", NEWER, "--engine", "no-such-engine-here", as_person="tariq")
    assert "cannot be run" in missing


def test_a_slow_engine_is_stopped(desk: Newsroom, tmp_path: Path) -> None:
    desk.configure(memory={"timeout": 1})
    command = engine(tmp_path, "import time\ntime.sleep(30)\n")
    assert "took over 1 s on source paragraph 3" in desk.refuses(
        "draft", NEWER, "--engine", command, as_person="tariq")


def test_only_the_translator_drafts_and_only_in_translation(desk: Newsroom) -> None:
    assert "only its translator (tariq)" in desk.refuses("draft", NEWER, as_person="sami")
    assert "needs the role translator" in desk.refuses("draft", NEWER, as_person="dana")
    assert "stage 'published'" in desk.refuses("draft", OLDER, as_person="tariq")


def test_the_translators_text_is_not_overwritten_without_force(desk: Newsroom) -> None:
    desk.write_translation(NEWER, "My own first paragraph.\n")
    desk.commit_all("tariq's work")
    assert "--force" in desk.refuses("draft", NEWER, as_person="tariq")
    desk.ok("draft", NEWER, "--force", as_person="tariq")
    assert translation(desk).body.startswith(REPEATED_ENGLISH)
