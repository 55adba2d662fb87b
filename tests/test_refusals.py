"""Every refusal: exit 1 (2 for a usage error), one line on stderr, and nothing changed.

`Newsroom.refuses` runs the command and proves the one line, the exit code, the empty stdout,
and that every file and `git status` and HEAD are exactly as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from testing.newsroom import Newsroom, article_at, files_of

DISCLAIMER_START = "<!-- editorial:disclaimer -->"


def test_wrong_role_is_refused(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    line = newsroom.refuses("approve", article_id, as_person="tariq")
    assert line.startswith("editorial: refused: ")
    assert "tariq cannot approve water-station" in line
    assert "needs the role editor" in line


def test_an_editor_who_is_not_a_publisher_cannot_publish(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    line = newsroom.refuses("publish", article_id, as_person="hana")
    assert "needs the role publisher" in line


def test_only_the_assigned_translator_can_submit(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "translation")
    newsroom.write_translation(article_id)
    newsroom.commit_all("draft")
    line = newsroom.refuses("submit", article_id, as_person="sami")
    assert "only its translator (tariq) can" in line


def test_a_translator_cannot_approve_their_own_translation(newsroom: Newsroom) -> None:
    # sami is both translator and editor: the role is there, the second pair of eyes is not.
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "sami")
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="sami")
    line = newsroom.refuses("approve", article_id, as_person="sami")
    assert "sami cannot approve water-station: they translated it" in line
    # Someone else may.
    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.meta(article_id)["stage"] == "disclaimer"


def test_whoever_submitted_a_draft_counts_as_a_translator(newsroom: Newsroom) -> None:
    # sami drafted and submitted; the translator is later reassigned to tariq.
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "sami")
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="sami")
    newsroom.ok("assign", article_id, "--translator", "tariq")
    line = newsroom.refuses("approve", article_id, as_person="sami")
    assert "they translated it" in line


@pytest.mark.parametrize(("stage", "action", "person"), [
    ("translation", "approve", "hana"),
    ("source", "submit", "tariq"),
    ("editing", "disclaim", "hana"),
    ("editing", "publish", "dana"),
])
def test_a_skipped_stage_is_refused(newsroom: Newsroom, stage: str, action: str,
                                    person: str) -> None:
    article_id = newsroom.new_article()
    if stage != "source":
        newsroom.advance_to(article_id, stage)
    line = newsroom.refuses(action, article_id, as_person=person)
    assert f"cannot {action} water-station: it is in stage '{stage}'" in line


def test_publishing_from_the_disclaimer_stage_is_refused(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "disclaimer")
    line = newsroom.refuses("publish", article_id)
    assert "it is in stage 'disclaimer', and publish is taken from" in line
    assert "ready" in line.split("taken from", 1)[1]


def test_publishing_without_the_disclaimer_is_refused_by_the_gate(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    # Someone removes the disclaimer block by hand and commits it.
    path = newsroom.article_path(article_id)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(DISCLAIMER_START)], encoding="utf-8")
    newsroom.commit_all("drop the disclaimer")
    assert newsroom.meta(article_id)["stage"] == "ready"
    line = newsroom.refuses("publish", article_id)
    assert "cannot publish water-station: the disclaimer is missing" in line


def test_publishing_several_refuses_them_all_and_lists_each_reason(tmp_path: Path) -> None:
    newsroom, ready = article_at(tmp_path, "ready")
    early = newsroom.new_article(article_id="early-bird")
    line = newsroom.refuses("publish", ready, early)
    assert "cannot publish early-bird: it is in stage 'source'" in line
    assert newsroom.meta(ready)["stage"] == "ready"


def test_an_unknown_id_is_refused(newsroom: Newsroom) -> None:
    newsroom.new_article()
    line = newsroom.refuses("approve", "no-such-article", as_person="hana")
    assert "no article 'no-such-article'" in line
    assert "status --all" in line


def test_an_ambiguous_prefix_lists_the_candidates(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id="water-station")
    newsroom.new_article(article_id="water-pipes")
    newsroom.new_article(article_id="elections")
    line = newsroom.refuses("assign", "water", "--translator", "tariq")
    assert "'water' matches 2 articles: water-pipes, water-station" in line
    assert "elections" not in line
    # A prefix that names one article is enough.
    newsroom.ok("assign", "water-s", "--translator", "tariq")
    assert newsroom.meta("water-station")["stage"] == "translation"


def test_malformed_front_matter_is_named_with_path_and_line(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    path = newsroom.article_path(article_id)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[4] == "stage: source\n"
    lines.insert(5, "  misplaced: [indented\n")  # file line 6
    path.write_text("".join(lines), encoding="utf-8")
    newsroom.commit_all("a bad hand edit")
    for args in (("assign", article_id, "--translator", "tariq"), ("show", article_id)):
        line = newsroom.refuses(*args)
        assert f"articles/{article_id}/article.md:6: invalid YAML" in line


def test_unclosed_front_matter_is_named_with_path_and_line(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    path = newsroom.article_path(article_id)
    path.write_text("---\nid: water-station\ntitle: Open\n", encoding="utf-8")
    line = newsroom.refuses("show", article_id)
    assert f"articles/{article_id}/article.md:1: front matter is not closed" in line


def test_a_front_matter_id_that_differs_from_its_folder_is_refused(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id,
                       lambda text: text.replace("id: water-station", "id: somewhere-else"))
    line = newsroom.refuses("show", article_id)
    assert f"articles/{article_id}/article.md:2: front matter id 'somewhere-else'" in line


def test_a_python_tag_in_front_matter_is_refused_and_never_run(newsroom: Newsroom,
                                                                 tmp_path: Path) -> None:
    article_id = newsroom.new_article()
    witness = tmp_path / "pwned"
    path = newsroom.article_path(article_id)
    text = path.read_text(encoding="utf-8").replace(
        "stage: source\n",
        f"stage: source\nnote: !!python/object/apply:os.system ['touch {witness}']\n")
    path.write_text(text, encoding="utf-8")
    newsroom.commit_all("a malicious edit")
    for args in (("show", article_id), ("assign", article_id, "--translator", "tariq")):
        line = newsroom.refuses(*args)
        assert f"articles/{article_id}/article.md:6: invalid YAML" in line
        assert "python/object/apply:os.system" in line
    # status skips it, names it, and still does not run it.
    result = newsroom.ok("status")
    assert f"articles/{article_id}/article.md:6" in result.stderr
    assert not witness.exists()


def test_a_python_tag_in_a_source_file_is_refused_with_its_path(newsroom: Newsroom,
                                                                  tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    source = tmp_path / "tagged.md"
    source.write_text(f"---\ntitle: !!python/object/apply:os.system ['touch {witness}']\n"
                      "---\nنص المقال\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar")
    assert f"{source}:2: invalid YAML" in line
    assert not witness.exists()


def test_a_python_tag_in_editorial_yaml_is_a_configuration_error(newsroom: Newsroom,
                                                                   tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8")
                      + f"extra: !!python/object/apply:os.system ['touch {witness}']\n",
                      encoding="utf-8")
    line = newsroom.refuses("status", exit_code=2)
    assert "editorial.yaml:" in line and "python/object" in line
    assert not witness.exists()


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "..", "x/../../y", "a\\b"])
def test_an_unsafe_id_given_to_new_is_refused(newsroom: Newsroom, tmp_path: Path,
                                              bad_id: str) -> None:
    source = tmp_path / "source.txt"
    source.write_text("نص\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", "--id", bad_id)
    assert "is not a valid article id" in line
    assert not (tmp_path / "escape").exists()


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "..", "../newsroom/articles/x"])
@pytest.mark.parametrize("command", [("show",), ("approve",), ("spike", "--note", "x")])
def test_an_unsafe_reference_is_refused(newsroom: Newsroom, bad_id: str,
                                        command: tuple[str, ...]) -> None:
    newsroom.new_article()
    line = newsroom.refuses(command[0], bad_id, *command[1:])
    assert "is not a valid article id" in line


def test_a_plain_folder_is_not_a_newsroom(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("mine\n")
    outside = Newsroom(plain)
    before = files_of(plain)
    for args in (("status",), ("show", "anything"), ("approve", "anything")):
        result = outside.run(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.count("\n") == 1
        assert "is not inside a newsroom repository (no editorial.yaml here or above)" \
            in result.stderr
        assert "editorial init" in result.stderr
    assert files_of(plain) == before


def test_a_newsroom_without_git_refuses_to_commit(newsroom: Newsroom, tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "editorial.yaml").write_bytes(newsroom.path("editorial.yaml").read_bytes())
    source = tmp_path / "source.txt"
    source.write_text("نص المقال\n", encoding="utf-8")
    before = files_of(loose)
    result = Newsroom(loose).run("new", str(source), "--lang", "ar", "--id", "loose-one",
                                 env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "is not inside a git repository" in result.stderr
    assert files_of(loose) == before


def test_an_unknown_person_is_refused_with_the_people_listed(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    line = newsroom.refuses("--as", "nobody", "assign", article_id, "--translator", "tariq")
    assert "unknown person 'nobody'" in line
    assert "dana, hana, sami, tariq" in line


def test_an_unknown_assignee_is_refused(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    line = newsroom.refuses("assign", article_id, "--translator", "ghost")
    assert "unknown person 'ghost'" in line
    line = newsroom.refuses("assign", article_id, "--translator", "hana")
    assert "hana cannot be the translator" in line


def test_a_git_email_that_matches_nobody_is_refused(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    stranger = {"GIT_AUTHOR_NAME": "Stranger", "GIT_AUTHOR_EMAIL": "stranger@example.net",
                "GIT_COMMITTER_NAME": "Stranger", "GIT_COMMITTER_EMAIL": "stranger@example.net"}
    line = newsroom.refuses("assign", article_id, "--translator", "tariq", as_person=None,
                            env=stranger)
    assert "no person in editorial.yaml has the email stranger@example.net" in line
    assert "--as PERSON" in line


def test_the_git_email_picks_the_person(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.ok("approve", article_id, as_person="hana")
    history = newsroom.meta(article_id)["history"]
    assert isinstance(history, list)
    assert history[-1]["by"] == "hana"


def test_a_duplicate_id_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.new_article()
    source = tmp_path / "other.txt"
    source.write_text("نص آخر\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", "--id", "water-station")
    assert "an article 'water-station' already exists" in line
    # The same title makes the same id: refused too, and told how to choose another.
    line = newsroom.refuses("new", str(source), "--lang", "ar",
                            "--title", "Water station")
    assert "already exists" in line and "--id" in line


@pytest.mark.parametrize("content", ["", "\n\n", "   \r\n\t\n"])
def test_an_empty_source_is_refused(newsroom: Newsroom, tmp_path: Path, content: str) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(content.encode())
    line = newsroom.refuses("new", str(source), "--lang", "ar", "--title", "Nothing",
                            exit_code=2)
    assert "the source text is empty" in line


def test_a_source_with_only_front_matter_is_empty(newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "empty.md"
    source.write_text("---\ntitle: Only a title\n---\n\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", exit_code=2)
    assert "the source text is empty" in line


@pytest.mark.parametrize("name", ["source.pdf", "source.docx", "source"])
def test_a_source_that_is_not_txt_or_md_is_refused(newsroom: Newsroom, tmp_path: Path,
                                                   name: str) -> None:
    source = tmp_path / name
    source.write_text("نص\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", exit_code=2)
    assert "a source text is a .txt or .md file" in line


def test_a_missing_source_file_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    line = newsroom.refuses("new", str(tmp_path / "missing.txt"), "--lang", "ar", exit_code=2)
    assert "no such file" in line


def test_a_source_that_is_not_utf8_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("café crème\n".encode("latin-1"))
    line = newsroom.refuses("new", str(source), "--lang", "fr", exit_code=2)
    assert "not UTF-8 text" in line


@pytest.mark.parametrize("command", ["return", "spike"])
def test_return_and_spike_need_a_note(tmp_path: Path, command: str) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    before = newsroom.snapshot()
    missing = newsroom.run(command, article_id, as_person="hana")
    assert missing.exit_code == 2
    assert "Missing option '--note'" in missing.stderr
    assert newsroom.snapshot() == before
    line = newsroom.refuses(command, article_id, "--note", "  ", as_person="hana", exit_code=2)
    assert f"{command} needs a note saying why (--note TEXT)" in line
    line = newsroom.refuses("move", article_id, command, as_person="hana", exit_code=2)
    assert f"{command} needs a note saying why" in line


def test_an_unknown_action_lists_the_actions(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    line = newsroom.refuses("move", article_id, "fly", exit_code=2)
    assert "the workflow 'translation' has no action 'fly'" in line
    assert "assign, submit, return, approve" in line


def test_a_broken_editorial_yaml_is_a_usage_error_with_file_and_line(
        newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    config = newsroom.path("editorial.yaml")
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("email: tariq@example.org", "email: tariq-at-example"),
                      encoding="utf-8")
    number = next(index for index, text in enumerate(
        config.read_text(encoding="utf-8").splitlines(), start=1) if "tariq-at-example" in text)
    line = newsroom.refuses("assign", article_id, "--translator", "tariq", exit_code=2)
    assert line.startswith("editorial: error: ")
    assert f"editorial.yaml:{number}: people.tariq.email must be an email address" in line

    config.write_text(good + "disclaimers: [unclosed\n", encoding="utf-8")
    last = len(good.splitlines()) + 1
    line = newsroom.refuses("status", exit_code=2)
    assert f"editorial.yaml:{last + 1}: invalid YAML" in line or \
        f"editorial.yaml:{last}: invalid YAML" in line

    config.write_text(good.replace("publication:", "publication_name:"), encoding="utf-8")
    line = newsroom.refuses("status", exit_code=2)
    assert "editorial.yaml" in line and "'publication' must name the publication" in line


BROKEN_WORKFLOW = """\
name: broken
stages:
  source: {}
  done: {}
transitions:
  - action: finish
    from: [source]
    to: done
    role: editor
    gates: [moon-is-full]
"""


def test_a_broken_newsroom_workflow_is_a_usage_error_with_file_and_key(
        newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.adopt_workflow("broken", BROKEN_WORKFLOW, "try a workflow")
    source = tmp_path / "source.txt"
    source.write_text("نص\n", encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", "--title", "A test",
                            exit_code=2)
    assert "workflows/broken.yaml:10: transitions[0] (finish): unknown gate 'moon-is-full'" \
        in line
    assert "translator-assigned" in line  # the known gates are listed

    newsroom.path("workflows", "broken.yaml").write_text(
        BROKEN_WORKFLOW.replace("    gates: [moon-is-full]\n", "").replace("to: done",
                                                                          "to: nowhere"),
        encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", "--title", "A test",
                            exit_code=2)
    assert "workflows/broken.yaml:6: transitions[0] (finish): unknown stage 'nowhere'" in line


def test_an_article_naming_a_missing_workflow_is_refused(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id,
                       lambda text: text.replace("workflow: translation", "workflow: vanished"))
    line = newsroom.refuses("assign", article_id, "--translator", "tariq")
    assert "article.md:4: unknown workflow 'vanished' (known: translation)" in line


def test_a_missing_option_is_one_line_with_the_help_to_read(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    result = newsroom.run("spike", article_id)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "editorial: usage: Missing option '--note'. (see 'editorial spike --help')"]
