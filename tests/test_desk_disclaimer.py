"""A real desk's week: a disclaimer typed into the text, work sent back and forth, and
changes after publication."""

from __future__ import annotations

from testing.newsroom import TRANSLATION_EN, Newsroom

HUGO_TARGET: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
DISCLAIMER = ("This article was translated and edited by The Example Observer. "
              "Responsibility for the information and views set out in this article lies "
              "entirely with the author.")
# As a translator pastes it: wrapped, in italics, its last full stop lost.
PASTED = ("*This article was translated and edited by The Example Observer.\n"
          "Responsibility for the information and views set out in this article lies "
          "entirely with the author*\n")


def test_a_pasted_disclaimer_is_taken_over_not_repeated(newsroom: Newsroom) -> None:
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
    newsroom.ok("publish", article_id)
    output = newsroom.path("site/content/articles", article_id, "index.md").read_text()
    assert output.split("---\n", 2)[2].count("translated and edited by") == 1
    assert "disclaimer" not in newsroom.errors_by_rule()


def test_an_editor_pasting_the_disclaimer_does_not_count_as_editing(
        newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "editing")
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


def test_a_plain_copy_after_the_block_is_a_duplicate_too(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    newsroom.edit_text(article_id, lambda text: text + "\n" + PASTED)
    newsroom.commit_all("paste the disclaimer at the end")
    assert "the disclaimer appears twice" in newsroom.refuses("publish", article_id)
    assert "disclaimer" in newsroom.errors_by_rule()
