"""`editorial check --base` as a gate a pull request cannot fool: the base's configuration
judges the change (issue 14, item 1), and who made a step is told by more than an email
anyone can set (item 2). Each test is the trick played in a real repository, then the same
change made the desk's way."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from editorial.core.frontmatter import Document
from editorial.core.workflow import builtin_dir
from testing.newsroom import PEOPLE, Newsroom, article_at, git, person_env

TRANSLATOR_APPROVES = "approve my own translation"


def editing(base: Path) -> tuple[Newsroom, str]:
    """A newsroom at base/newsroom with an article translated by tariq and awaiting an
    editor, and a branch `pr` off main; the article's id."""
    newsroom, article_id = article_at(base, "editing")
    newsroom.branch("pr")
    return newsroom, article_id


def edit_config(newsroom: Newsroom, change: dict[str, object]) -> None:
    path = newsroom.path("editorial.yaml")
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config.update(change)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def lenient_workflow() -> str:
    """The built-in workflow with approval open to translators and no second pair of eyes."""
    data = yaml.safe_load((builtin_dir() / "translation.yaml").read_text(encoding="utf-8"))
    for transition in data["transitions"]:
        if transition["action"] == "approve":
            transition["role"] = ["editor", "translator"]
            transition["four_eyes"] = False
    return yaml.safe_dump(data, sort_keys=False)


def errors(newsroom: Newsroom) -> dict[str, list[str]]:
    """The messages of each rule failing `check --base main`."""
    return newsroom.errors_by_rule("--base", "main")


# -- item 1: the base decides the rules --------------------------------------------------


def test_a_sock_puppet_editor_added_in_the_same_change(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    puppet = {"name": "Puppet", "email": "puppet@example.org", "roles": ["editor"]}
    edit_config(newsroom, {"people": {**PEOPLE, "puppet": puppet}})
    newsroom.append_step(article_id, "approve", "disclaimer", by="puppet")
    git(newsroom.root, "add", "-A")
    git(newsroom.root, "commit", "-qm", "a new editor approves",
        env={"GIT_AUTHOR_EMAIL": "puppet@example.org", "GIT_COMMITTER_EMAIL":
             "puppet@example.org", "GIT_AUTHOR_NAME": "Puppet", "GIT_COMMITTER_NAME": "P"})
    found = errors(newsroom)
    assert "'puppet' is not a person in editorial.yaml" in " ".join(found["transition"])
    assert found["governance"] == [
        f"editorial.yaml was changed in commit {newsroom.git('rev-parse', 'HEAD')[:8]} by "
        "puppet@example.org, who is not a person of editorial.yaml with the role publisher: "
        "the desk's configuration is changed only by a person with the role publisher "
        "(governance.config); until then the base's configuration judges this change"]


def test_rules_turned_off_in_the_same_change(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    edit_config(newsroom, {"rules": {"history": "off", "transition": "off"}})
    newsroom.append_step(article_id, "approve", "disclaimer", by="tariq")
    newsroom.commit_all(TRANSLATOR_APPROVES, as_person="tariq")
    found = errors(newsroom)
    assert set(found) == {"transition", "governance"}
    assert "second pair of eyes" in " ".join(found["transition"])


def test_the_article_pointed_at_a_workflow_of_the_change(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    newsroom.path("workflows").mkdir()
    newsroom.path("workflows", "lenient.yaml").write_text(lenient_workflow(), encoding="utf-8")
    newsroom.edit(article_id, lambda document: document.meta.update(workflow="lenient"))
    newsroom.append_step(article_id, "approve", "disclaimer", by="tariq")
    newsroom.commit_all(TRANSLATOR_APPROVES, as_person="tariq")
    found = errors(newsroom)
    assert "unknown workflow 'lenient'" in " ".join(found["schema"])
    assert [message.split(" was changed")[0] for message in found["governance"]] == [
        "workflows/lenient.yaml"]


def test_the_built_in_workflow_overridden_in_the_change(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    newsroom.path("workflows").mkdir()
    newsroom.path("workflows", "translation.yaml").write_text(lenient_workflow(),
                                                              encoding="utf-8")
    newsroom.append_step(article_id, "approve", "disclaimer", by="tariq")
    newsroom.commit_all(TRANSLATOR_APPROVES, as_person="tariq")
    found = errors(newsroom)
    assert set(found) == {"transition", "governance"}
    assert "workflows/translation.yaml was changed" in found["governance"][0]


def named(workflow: str) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        document.meta["workflow"] = workflow

    return change


def test_a_workflow_named_by_a_path_is_never_loaded(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    outside = tmp_path / "lenient.yaml"  # beside the repository, not in it
    outside.write_text(lenient_workflow(), encoding="utf-8")
    for name in (str(outside.with_suffix("")), "../../lenient"):
        newsroom.git("reset", "-q", "--hard", "main")
        newsroom.edit(article_id, named(name))
        newsroom.append_step(article_id, "approve", "disclaimer", by="tariq")
        newsroom.commit_all(TRANSLATOR_APPROVES, as_person="tariq")
        found = errors(newsroom)
        assert f"workflow {name!r} is not a workflow name" in " ".join(found["schema"])
        # Without a base too, and the desk's commands refuse it rather than load it.
        assert "schema" in newsroom.rules_failing()
        refusal = newsroom.refuses("approve", article_id, as_person="hana")
        assert "is not a workflow name" in refusal


def test_the_publisher_changes_the_configuration_judged_by_the_base(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    hired = {"name": "New Editor", "email": "new@example.org", "roles": ["editor"]}
    edit_config(newsroom, {"people": {**PEOPLE, "newbie": hired}})
    newsroom.commit_all("hire an editor", as_person="dana")
    assert errors(newsroom) == {}
    # The new editor can act once the change is in the base, not in the change that hires.
    newsroom.append_step(article_id, "approve", "disclaimer", by="newbie")
    git(newsroom.root, "add", "-A")
    git(newsroom.root, "commit", "-qm", "approve",
        env={"GIT_AUTHOR_EMAIL": "new@example.org", "GIT_COMMITTER_EMAIL": "new@example.org"})
    assert "'newbie' is not a person" in " ".join(errors(newsroom)["transition"])
    newsroom.git("reset", "-q", "--hard", "HEAD~1")
    newsroom.switch("main")
    newsroom.git("merge", "-q", "--ff-only", "pr")
    newsroom.branch("after")
    newsroom.append_step(article_id, "approve", "disclaimer", by="newbie")
    git(newsroom.root, "add", "-A")
    git(newsroom.root, "commit", "-qm", "approve",
        env={"GIT_AUTHOR_EMAIL": "new@example.org", "GIT_COMMITTER_EMAIL": "new@example.org"})
    assert errors(newsroom) == {}


def test_who_may_change_the_configuration_is_the_bases_to_say(newsroom: Newsroom) -> None:
    newsroom.configure(governance={"config": ["editor"]})
    newsroom.branch("pr")
    newsroom.path("glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    newsroom.commit_all("a glossary", as_person="hana")
    assert errors(newsroom) == {}
    newsroom.path("glossary.yaml").write_text("terms: [1]\n", encoding="utf-8")
    newsroom.commit_all("my glossary", as_person="tariq")
    assert "glossary.yaml was changed" in errors(newsroom)["governance"][0]
    # Nothing but the configuration changed: still judged, and the summary says so.
    result = newsroom.check("--base", "main")
    assert result.exit_code == 1 and "1 error" in result.stderr


# -- item 2: who made a step -------------------------------------------------------------


def test_a_forged_author_email_is_caught_by_the_committer(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    git(newsroom.root, "add", "-A")
    git(newsroom.root, "commit", "-qm", "approved",
        env={**person_env("tariq"), "GIT_AUTHOR_NAME": "Hana Editor",
             "GIT_AUTHOR_EMAIL": "hana@example.org"})
    found = errors(newsroom)
    assert set(found) == {"authorship"}
    message = found["authorship"][0]
    assert "was committed by tariq <tariq@example.org>, who cannot take it" in message
    assert "second pair of eyes" in message


def test_a_colleague_rebasing_a_step_is_a_warning_naming_both(tmp_path: Path) -> None:
    newsroom, article_id = editing(tmp_path)
    newsroom.ok("approve", article_id, as_person="hana")
    approval = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.git("reset", "-q", "--hard", "main")
    git(newsroom.root, "cherry-pick", approval, env=person_env("sami"))
    code, problems = newsroom.check_json("--base", "main")
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [("authorship", "warning")]
    message = str(problems[0]["message"])
    assert "authored by hana@example.org but committed by sami <sami@example.org>" in message
    assert newsroom.check("--base", "main", "--strict").exit_code == 1


def make_key(folder: Path, person: str) -> Path:
    """A real SSH key pair made by ssh-keygen; the private key's path."""
    key = folder / f"{person}_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", person, "-f",
                    str(key)], check=True)
    return key


def signing(key: Path) -> list[str]:
    return ["-c", "gpg.format=ssh", "-c", f"user.signingKey={key}", "-c", "commit.gpgSign=true"]


def signed_newsroom(newsroom: Newsroom, keys: Path) -> dict[str, Path]:
    """`authorship: signed`, with hana's and tariq's public keys in editorial.yaml."""
    made = {person: make_key(keys, person) for person in ("hana", "tariq")}
    people = {person: {**entry, "signing_keys": [made[person].with_suffix(".pub").read_text()
                                                 .strip()]} if person in made else entry
              for person, entry in PEOPLE.items()}
    newsroom.configure(people=people, authorship="signed")
    return made


def commit_signed(newsroom: Newsroom, key: Path | None, *, as_person: str,
                  author: str | None = None) -> str:
    env = person_env(as_person)
    if author is not None:
        env.update(GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL=f"{author}@example.org")
    git(newsroom.root, "add", "-A")
    git(newsroom.root, *(signing(key) if key else []), "commit", "-qm", "a step", env=env)
    return newsroom.git("rev-parse", "HEAD").strip()


def test_signed_steps_pass_and_forged_or_unsigned_ones_fail(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    keys = signed_newsroom(newsroom, tmp_path)
    newsroom.branch("pr")
    # editorial signs its own steps when git is set to sign commits.
    for setting in signing(keys["hana"])[1::2]:
        name, value = setting.split("=", 1)
        newsroom.git("config", name, value)
    newsroom.ok("approve", article_id, as_person="hana")
    assert "gpgsig" in newsroom.git("cat-file", "commit", "HEAD")
    assert errors(newsroom) == {}
    for setting in ("gpg.format", "user.signingKey", "commit.gpgSign"):
        newsroom.git("config", "--unset", setting)

    # The translator's key on an approval in hana's name: her email does not help.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    forged = commit_signed(newsroom, keys["tariq"], as_person="hana")
    found = errors(newsroom)
    assert found == {"authorship": [
        f"history[3] says hana took approve, but commit {forged[:8]} is signed by tariq, not "
        "by hana: this newsroom asks each step to be signed with a key of its person "
        "(authorship: signed; hana's signing_keys in editorial.yaml)"]}

    # Unsigned, or signed by a key that is nobody's.
    stranger = make_key(tmp_path, "stranger")
    for key, problem in ((None, "unsigned"),
                         (stranger, "signed by a key that is no person's in editorial.yaml")):
        newsroom.git("reset", "-q", "--hard", "main")
        newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
        commit = commit_signed(newsroom, key, as_person="hana")
        message = errors(newsroom)["authorship"][0]
        assert f"commit {commit[:8]} is {problem}, not signed by hana" in message

    # The right key passes, whoever's email is on the commit.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    commit_signed(newsroom, keys["hana"], as_person="sami")
    assert errors(newsroom) == {}


def test_signed_configuration_changes(newsroom: Newsroom, tmp_path: Path) -> None:
    keys = signed_newsroom(newsroom, tmp_path)
    newsroom.branch("pr")
    newsroom.path("glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    commit = commit_signed(newsroom, keys["tariq"], as_person="dana")
    assert errors(newsroom)["governance"] == [
        f"glossary.yaml was changed in commit {commit[:8]} signed by tariq, who lacks the "
        "role publisher: the desk's configuration is changed only by a person with the role "
        "publisher (governance.config); until then the base's configuration judges this "
        "change"]
