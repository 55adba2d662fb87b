"""Nothing the desk's files hold runs at publish or on the site: templates render in Jinja's
sandbox, and a body's markup reaches readers as text on every target."""

from __future__ import annotations

from pathlib import Path

import pytest

from testing.newsroom import Newsroom

ARTICLE = "water-station"
TEMPLATE = "templates/article.html"
# What a pasted source or a hostile pull request could put in a body: each line would run
# something on a site that took it as markup.
HOSTILE = """Before the markup.

{{< gist attacker 1 >}} and {{% gist attacker 2 %}}

Liquid {{ site.github.token }} and {% include secret.html %} and {% endraw %} stray.

<script>alert(1)</script>

<img src=x onerror=alert(2)>

<iframe src="https://evil.example/frame"></iframe>

[a link](javascript:alert(3)) and [another](JAVA&#9;script:alert(4))

Attributes {: onclick="alert(5)"} after a paragraph.
{: onmouseover="alert(6)"}

After the markup."""
TARGETS: list[dict[str, object]] = [
    {"type": "hugo", "path": "site/content/articles"},
    {"type": "jekyll", "path": "jekyll/_posts"},
    {"type": "html", "path": "site/static/articles"},
    {"type": "feed", "path": "site/static/feed.xml"},
]


def ready_with_body(newsroom: Newsroom, body_text: str) -> None:
    """An article ready to publish whose body holds `body_text` before its first paragraph."""
    newsroom.configure(publish={"targets": TARGETS})
    newsroom.new_article(article_id=ARTICLE)
    newsroom.advance_to(ARTICLE, "ready")
    newsroom.edit_body(ARTICLE, "The city council", body_text + "\n\nThe city council")
    newsroom.git("commit", "-qam", "the editor pastes the original's markup")


@pytest.fixture
def hostile(newsroom: Newsroom) -> Newsroom:
    ready_with_body(newsroom, HOSTILE)
    body_before = newsroom.body(ARTICLE)
    newsroom.ok("publish", ARTICLE)
    # Only the outputs change: the article keeps what the desk wrote, byte for byte.
    assert newsroom.body(ARTICLE) == body_before
    return newsroom


# -- templates ----------------------------------------------------------------------------


def commit_template(newsroom: Newsroom, text: str) -> None:
    newsroom.path("templates").mkdir(exist_ok=True)
    newsroom.path(TEMPLATE).write_text(text, encoding="utf-8")
    newsroom.git("add", "templates")
    newsroom.git("commit", "-qm", "our own page")


def test_a_template_that_reaches_for_python_is_refused_and_runs_nothing(
        newsroom: Newsroom, tmp_path: Path) -> None:
    marker = tmp_path / "template-ran-a-command"
    commit_template(newsroom, "<h1>{{ entry.title }}</h1>\n{{ body_html }}\n"
                    "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker)
                    + "').read() }}\n")
    ready_with_body(newsroom, "Plain text.")
    commits = newsroom.commit_count()

    line = newsroom.refuses("publish", ARTICLE)

    assert not marker.exists()
    assert f"{TEMPLATE}:3: " in line and "unsafe" in line, line
    assert newsroom.commit_count() == commits
    assert newsroom.meta(ARTICLE)["stage"] == "ready"
    assert not newsroom.path("site").exists() and not newsroom.path("jekyll").exists()


def test_a_template_that_reads_private_attributes_is_refused(newsroom: Newsroom) -> None:
    commit_template(newsroom, "{{ body_html }}\n{{ entry.__class__.__mro__ }}\n")
    ready_with_body(newsroom, "Plain text.")

    line = newsroom.refuses("publish", ARTICLE)

    assert f"{TEMPLATE}:2: " in line and "unsafe" in line, line


def test_a_template_that_is_a_link_out_of_the_newsroom_is_refused(
        newsroom: Newsroom, tmp_path: Path) -> None:
    secret = tmp_path / "deploy-key"
    secret.write_text("PRIVATE KEY\n")
    newsroom.path("templates").mkdir()
    newsroom.path(TEMPLATE).symlink_to(secret)
    newsroom.git("add", "templates")
    newsroom.git("commit", "-qm", "our own page")
    ready_with_body(newsroom, "Plain text.")

    line = newsroom.refuses("publish", ARTICLE, exit_code=2)

    assert f"{TEMPLATE}: " in line and "outside the newsroom" in line, line


def test_a_sandboxed_template_still_shows_what_it_is_given(newsroom: Newsroom) -> None:
    commit_template(newsroom, "<h1>{{ entry.title | upper }}</h1>"
                    "{% for tag in entry.tags %}{{ tag }}{% endfor %}{{ body_html }}"
                    "<p>{{ day(entry.published_at) }}</p>\n")
    ready_with_body(newsroom, "Plain text.")
    newsroom.ok("publish", ARTICLE)
    page = newsroom.path("site/static/articles", ARTICLE, "index.html").read_text()
    assert page.startswith("<h1>NEW WATER STATION OPENS IN THE EAST</h1><p>Plain text.</p>")
