"""A real desk's week: a disclaimer typed into the text, work sent back and forth, and
changes after publication."""

from __future__ import annotations

from pathlib import Path

from testing.hugo import build_hugo_site
from testing.newsroom import TRANSLATION_EN, Newsroom, article_at

HUGO_TARGET: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
DISCLAIMER = ("This article was translated and edited by The Example Observer. "
              "Responsibility for the information and views set out in this article lies "
              "entirely with the author.")
# As a translator pastes it: wrapped, in italics, its last full stop lost.
PASTED = ("*This article was translated and edited by The Example Observer.\n"
          "Responsibility for the information and views set out in this article lies "
          "entirely with the author*\n")


def test_a_pasted_disclaimer_is_taken_over_not_repeated(newsroom: Newsroom,
                                                        tmp_path: Path) -> None:
    newsroom.configure(publish={"article_url": "https://example.org/articles/{id}/",
                                "targets": [HUGO_TARGET]})
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, TRANSLATION_EN + "\n" + PASTED)
    newsroom.ok("submit", article_id, as_person="tariq")
    newsroom.ok("approve", article_id, as_person="hana")
    # The paragraph is the translator's boilerplate: approving it is no edit.
    metrics = newsroom.meta(article_id)["edit_metrics"]
    assert isinstance(metrics, dict)
    assert metrics["edit_rate"] == 0.0
    newsroom.ok("disclaim", article_id, as_person="hana")
    body = newsroom.body(article_id)
    assert body.count("translated and edited by") == 1
    assert body == (TRANSLATION_EN + "\n<!-- editorial:disclaimer -->\n" + DISCLAIMER
                    + "\n<!-- /editorial:disclaimer -->\n")
    # On to the site, through whatever stages the workflow has after the disclaimer's.
    newsroom.advance_to(article_id, "published")
    output = newsroom.path("site/content/articles", article_id, "index.md").read_text()
    assert output.split("---\n", 2)[2].count("translated and edited by") == 1
    assert "disclaimer" not in newsroom.errors_by_rule()
    # The page a reader sees, built by Hugo, says it once.
    page = build_hugo_site(newsroom, tmp_path) / "articles" / article_id / "index.html"
    assert page.read_text(encoding="utf-8").count("translated and edited by") == 1


def test_an_editor_pasting_the_disclaimer_does_not_count_as_editing(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.edit_text(article_id, lambda text: text + "\n" + PASTED)
    newsroom.ok("approve", article_id, as_person="hana")
    metrics = newsroom.meta(article_id)["edit_metrics"]
    assert isinstance(metrics, dict)
    assert (metrics["inserted"], metrics["edit_rate"]) == (0, 0.0)
    diff = newsroom.ok("diff", article_id, "--json").stdout
    assert "Responsibility" not in diff


def duplicated(newsroom: Newsroom) -> str:
    """A ready article whose disclaimer block follows a plain copy, as `disclaim` used to
    leave a pasted one; committed, as a hand edit would be."""
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    newsroom.edit_body(article_id, "<!-- editorial:disclaimer -->",
                       PASTED + "\n<!-- editorial:disclaimer -->")
    newsroom.commit_all("paste the disclaimer")
    return article_id


def test_a_duplicated_disclaimer_is_caught_by_check_and_the_gate(newsroom: Newsroom) -> None:
    article_id = duplicated(newsroom)
    assert newsroom.errors_by_rule()["disclaimer"] == [
        "the disclaimer appears twice, as its block and typed as a plain paragraph: delete "
        "the paragraph"]
    line = newsroom.refuses("publish", article_id)
    assert "the disclaimer appears twice" in line
    # disclaim repairs it: one block, the plain copy gone.
    newsroom.ok("disclaim", article_id, as_person="hana")
    body = newsroom.body(article_id)
    assert body.count("translated and edited by") == 1
    assert body.startswith(TRANSLATION_EN + "\n<!-- editorial:disclaimer -->\n")
    newsroom.ok("publish", article_id)


def test_a_plain_copy_after_the_block_is_a_duplicate_too(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    newsroom.edit_text(article_id, lambda text: text + "\n" + PASTED)
    newsroom.commit_all("paste the disclaimer at the end")
    assert "the disclaimer appears twice" in newsroom.refuses("publish", article_id)
    assert "disclaimer" in newsroom.errors_by_rule()


EDITED_LEAD = "On Sunday the council opened a pumping station in the east of the city."
FIRST_SENTENCE = ("The city council announced on Sunday morning the opening of a new water "
                  "pumping station in the eastern district.")


def returned_after_editing(newsroom: Newsroom) -> str:
    """An article whose editor rewrote the lead in article.md, then returned it."""
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "editing")
    newsroom.edit_body(article_id, FIRST_SENTENCE, EDITED_LEAD)
    newsroom.ok("return", article_id, "--note", "check the figures in the second paragraph",
                as_person="hana")
    return article_id


def test_return_and_resubmit_keep_the_editors_lead(newsroom: Newsroom) -> None:
    article_id = returned_after_editing(newsroom)
    # The translator continues from the edited text...
    assert newsroom.body(article_id, "translation.md") == newsroom.body(article_id)
    assert EDITED_LEAD in newsroom.body(article_id, "translation.md")
    newsroom.edit_text(article_id, lambda text: text.replace("12000", "12,000"),
                       name="translation.md")
    newsroom.ok("submit", article_id, as_person="tariq")
    # ...and the resubmit carries both the editor's lead and the translator's fix.
    body = newsroom.body(article_id)
    assert EDITED_LEAD in body and FIRST_SENTENCE not in body
    assert "about 12,000 families" in body
    assert newsroom.errors_by_rule() == {}


def test_return_says_where_the_edited_text_went(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    said = newsroom.ok("return", article_id, "--note", "again", as_person="hana").stderr
    assert f"{article_id}: translation.md now holds the edited text of article.md: tariq " \
        "continues from it, and the next submit copies it back" in said


def test_submit_refuses_to_overwrite_an_edit_made_after_the_return(newsroom: Newsroom) -> None:
    article_id = returned_after_editing(newsroom)
    newsroom.edit_body(article_id, EDITED_LEAD, EDITED_LEAD + " It cost 3 million.")
    newsroom.commit_all("a late edit", as_person="hana")
    line = newsroom.refuses("submit", article_id, as_person="tariq")
    assert line == (
        f"editorial: refused: cannot submit {article_id}: articles/{article_id}/article.md "
        "was edited after the article was returned, and translation.md would overwrite that "
        "edit (move the edit into translation.md: copy it there and undo it in article.md, "
        "then submit again)")
    # Once the edit is moved into the translation, the hand-off goes through and keeps it.
    newsroom.write_body(article_id, "translation.md", newsroom.body(article_id))
    newsroom.edit_body(article_id, " It cost 3 million.", "")
    newsroom.ok("submit", article_id, as_person="tariq")
    assert "It cost 3 million." in newsroom.body(article_id)


NEW_WORDING = "Translated by {publication}; the author alone answers for the content."


def test_a_published_article_keeps_the_disclaimer_it_was_published_with(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "published")
    newsroom.configure(disclaimers={"translated": NEW_WORDING})
    assert "disclaimer" not in newsroom.errors_by_rule()
    newsroom.ok("publish", article_id)
    newsroom.edit_body(article_id, "12000", "12,000")
    newsroom.ok("correct", article_id, "--type", "correction", "--note", "the figure")
    body = newsroom.body(article_id)
    assert DISCLAIMER in body and "Translated by" not in body
    # An article not yet published still takes the new wording.
    other = newsroom.new_article(article_id="other")
    newsroom.advance_to(other, "ready")
    assert "Translated by The Example Observer" in newsroom.body(other)


def test_a_published_disclaimer_changed_by_hand_is_caught(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "published")
    newsroom.edit_body(article_id, "lies entirely with the author", "lies with nobody")
    newsroom.commit_all("reword the disclaimer")
    assert newsroom.errors_by_rule()["disclaimer"] == [
        "the disclaimer is not the one it was given at 'editorial disclaim': restore its text"]
    line = newsroom.refuses("correct", article_id, "--type", "correction", "--note", "x")
    assert "the disclaimer is not the one it was given" in line


def test_correct_records_a_source_its_outlet_corrected(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "published")
    newsroom.edit_text(article_id, lambda text: text.replace("3 أشهر", "4 أشهر"),
                       name="source.md")
    # Published, it cannot be returned: the advice is the correction that records the source.
    advice = " ".join(newsroom.errors_by_rule()["source-changed"])
    assert "editorial correct" in advice and "return" not in advice
    newsroom.edit_body(article_id, "an outage of 3 months", "an outage of 4 months")
    said = newsroom.ok("correct", article_id, "--type", "correction", "--note",
                       "the outlet corrected the length of the outage").stderr
    assert (f"{article_id}: the changed source.md is recorded as the source of the text "
            "(source-changed compares with it from now on)") in said
    assert newsroom.errors_by_rule() == {}
    # The source as recorded is the source committed with the correction.
    assert newsroom.git("status", "--porcelain") == ""
    assert "source.md" in newsroom.git("show", "--name-only", "--format=", "HEAD")
