"""Nothing the desk's files hold runs at publish or on the site: templates render in Jinja's
sandbox, and a body's markup reaches readers as text on every target."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from testing.newsroom import Newsroom, built_once

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
# The html target's pages lie outside the Hugo site: Hugo would copy one from static/ over
# the page it builds at the same address.
TARGETS: list[dict[str, object]] = [
    {"type": "hugo", "path": "site/content/articles"},
    {"type": "jekyll", "path": "jekyll/_posts"},
    {"type": "html", "path": "pages/articles"},
    {"type": "feed", "path": "pages/feed.xml"},
]


def ready_with_body(newsroom: Newsroom, body_text: str) -> None:
    """An article ready to publish whose body holds `body_text` before its first paragraph."""
    newsroom.configure(publish={"targets": TARGETS})
    newsroom.new_article(article_id=ARTICLE)
    newsroom.advance_to(ARTICLE, "ready")
    newsroom.edit_body(ARTICLE, "The city council", body_text + "\n\nThe city council")
    newsroom.git("commit", "-qam", "the editor pastes the original's markup")


def published_hostile(newsroom: Newsroom) -> None:
    ready_with_body(newsroom, HOSTILE)
    body_before = newsroom.body(ARTICLE)
    newsroom.ok("publish", ARTICLE)
    # Only the outputs change: the article keeps what the desk wrote, byte for byte.
    assert newsroom.body(ARTICLE) == body_before


@pytest.fixture
def hostile(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, published_hostile)


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
    assert not any(newsroom.path(folder).exists() for folder in ("site", "jekyll", "pages"))


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

    line = newsroom.refuses("publish", ARTICLE)

    assert f"{TEMPLATE} is a symbolic link: editorial reads and writes only regular files " \
           "inside the newsroom" in line, line


def test_a_sandboxed_template_still_shows_what_it_is_given(newsroom: Newsroom) -> None:
    commit_template(newsroom, "<h1>{{ entry.title | upper }}</h1>"
                    "{% for tag in entry.tags %}{{ tag }}{% endfor %}{{ body_html }}"
                    "<p>{{ day(entry.published_at) }}</p>\n")
    ready_with_body(newsroom, "Plain text.")
    newsroom.ok("publish", ARTICLE)
    page = newsroom.path("pages/articles", ARTICLE, "index.html").read_text()
    assert page.startswith("<h1>NEW WATER STATION OPENS IN THE EAST</h1><p>Plain text.</p>")


# -- bodies -------------------------------------------------------------------------------


class _Markup(HTMLParser):
    """The elements, attributes and text of an HTML page, as a browser would see them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert_page(page: str) -> None:
    """No element, attribute or link from the body that runs, and its text shown as text."""
    markup = _Markup(page)
    assert not {"script", "iframe", "object", "embed", "style"} & set(markup.tags), markup.tags
    for name, value in markup.attributes:
        assert not name.startswith("on"), (name, value)
        assert not re.sub(r"[\x00-\x20]", "", value).lower().startswith(
            ("javascript:", "vbscript:")), (name, value)
    text = " ".join("".join(markup.text).split())
    for shown in ("{{< gist attacker 1 >}}", "{{% gist attacker 2 %}}",
                  "<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                  "{{ site.github.token }}", "{% include secret.html %}",
                  "Before the markup.", "After the markup."):
        assert shown in text, (shown, text)


def markdown_body(data: bytes) -> str:
    return data.decode("utf-8").split("---\n", 2)[2]


def assert_no_raw_markup(body: str) -> None:
    """What any Markdown renderer would pass through as HTML, or make a link that runs."""
    assert not re.search(r"<\s*/?\s*(script|iframe|img|object|embed|style)", body, re.I), body
    assert not re.search(r"\]\(\s*<?\s*(javascript|java&)", body, re.I), body


def test_a_hugo_body_has_no_shortcode_html_or_script_link(hostile: Newsroom) -> None:
    data = hostile.path("site/content/articles", ARTICLE, "index.md").read_bytes()
    body = markdown_body(data)
    # Hugo reads shortcodes before the Markdown, in code blocks too.
    assert "{{<" not in body and "{{%" not in body
    assert_no_raw_markup(body)
    assert "Before the markup." in body and "After the markup." in body


# A small model of Liquid's tokenizer (Liquid 4, which Jekyll and GitHub Pages run): a tag
# runs to the first %}, an output tag to the first } or }}.
_LIQUID_TOKEN = re.compile(r"\{%.*?%\}|\{\{.*?\}\}?", re.DOTALL)
_LIQUID_TAG = re.compile(r"\A\{%-?\s*(\w+)", re.DOTALL)


def liquid_outside_raw(text: str) -> list[str]:
    """The Liquid tokens Jekyll would run: those outside `{% raw %}` blocks."""
    run: list[str] = []
    in_raw = False
    for token in _LIQUID_TOKEN.findall(text):
        name = match.group(1) if (match := _LIQUID_TAG.match(token)) else None
        if in_raw:
            in_raw = name != "endraw"
        elif name == "raw":
            in_raw = True
        else:
            run.append(token)
    assert not in_raw, "a raw block that never ends: Liquid fails the build"
    return run


def test_a_jekyll_body_runs_no_liquid_and_has_no_html_or_script_link(
        hostile: Newsroom) -> None:
    [post] = hostile.path("jekyll/_posts").iterdir()
    body = markdown_body(post.read_bytes())
    # Only what prints the `{%` of the endraw the body holds; nothing from the body runs.
    assert liquid_outside_raw(body) == ['{{ "{%" }}']
    assert_no_raw_markup(body)
    # kramdown would add the attributes of `{: ...}` to the paragraph before it.
    assert "{:" not in body
    assert "{{ site.github.token }}" in body and "{% include secret.html %}" in body


def test_the_html_page_and_the_feed_show_the_body_as_text(hostile: Newsroom) -> None:
    page = hostile.path("pages/articles", ARTICLE, "index.html").read_text()
    assert_inert_page(page)

    feed = ET.parse(hostile.path("pages/feed.xml")).getroot()
    [content] = feed.iter("{http://www.w3.org/2005/Atom}content")
    assert content.get("type") == "html"
    assert_inert_page(content.text or "")


def test_liquid_cannot_be_ended_early_by_the_body(newsroom: Newsroom) -> None:
    ready_with_body(newsroom, "{%- endraw -%}{{ site.x }}{%endraw%}{% include a.html %}"
                              "{% raw %}{% endraw %}")
    newsroom.ok("publish", ARTICLE)
    [post] = newsroom.path("jekyll/_posts").iterdir()
    assert liquid_outside_raw(markdown_body(post.read_bytes())) == ['{{ "{%" }}'] * 3


def test_links_to_the_web_and_plain_markdown_survive(newsroom: Newsroom) -> None:
    ready_with_body(newsroom, "See [the report](https://example.org/report?a=1&b=2), "
                              "[our page](/about/), <https://example.org/auto> and "
                              "write to [us](mailto:desk@example.org). 3 < 4 and a {brace}.")
    newsroom.ok("publish", ARTICLE)
    body = markdown_body(newsroom.path("site/content/articles", ARTICLE, "index.md")
                         .read_bytes())
    assert ("See [the report](https://example.org/report?a=1&b=2), [our page](/about/), "
            "<https://example.org/auto> and write to [us](mailto:desk@example.org). "
            "3 < 4 and a {brace}.") in body
    page = newsroom.path("pages/articles", ARTICLE, "index.html").read_text()
    assert '<a href="https://example.org/report?a=1&amp;b=2">the report</a>' in page
    assert '<a href="mailto:desk@example.org">us</a>' in page


# -- a real Hugo site ---------------------------------------------------------------------

# The layout shows the summary too: Hugo renders a summary from front matter as Markdown.
LAYOUT = """<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<div class="summary">{{ .Summary }}</div>
<div class="content">{{ .Content }}</div>
</body></html>
"""


def build_hugo(newsroom: Newsroom, tmp_path: Path, *, unsafe: bool) -> str:
    """The article's page from a Hugo build; `unsafe` is the setting sites turn on to let raw
    HTML through (for embeds), which makes the body's markup the only guard."""
    site = newsroom.path("site")
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "layouts" / "_default" / "single.html").write_text(LAYOUT)
    (site / "layouts" / "_default" / "list.html").write_text("<ul></ul>\n")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Observer"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        f"[markup.goldmark.renderer]\nunsafe = {str(unsafe).lower()}\n")
    public = tmp_path / "public"
    shutil.rmtree(public, ignore_errors=True)
    subprocess.run(["hugo", "--quiet", "--source", str(site), "--destination", str(public)],
                   check=True, capture_output=True, text=True)
    return (public / "articles" / ARTICLE / "index.html").read_text(encoding="utf-8")


# Skipped on a developer machine without Hugo; in CI (.ci/run installs it) it must run.
@pytest.mark.skipif(shutil.which("hugo") is None and not os.environ.get("CI"),
                    reason="needs Debian's hugo (apt-get install hugo)")
@pytest.mark.parametrize("unsafe", [True, False], ids=["raw-html-allowed", "hugo-default"])
def test_hugo_builds_a_page_where_the_body_markup_is_text(
        newsroom: Newsroom, tmp_path: Path, unsafe: bool) -> None:
    ready_with_body(newsroom, "<script>alert(0)</script> opens the article.\n\n" + HOSTILE)
    newsroom.ok("publish", ARTICLE)

    page = build_hugo(newsroom, tmp_path, unsafe=unsafe)

    assert "<script" not in page.lower()
    assert "gist.github.com" not in page and "raw HTML omitted" not in page
    assert_inert_page(page)
    summary = page.split('<div class="summary">', 1)[1].split("</div>", 1)[0]
    assert "&lt;script&gt;alert(0)&lt;/script&gt; opens the article." in summary


def test_a_disclaimer_template_cannot_format_its_way_to_a_huge_text() -> None:
    from editorial.core import disclaimer
    from editorial.errors import ConfigError

    values = {"publication": "The Example Observer"}
    assert disclaimer.render("Translated by {publication}.", values) == \
        "Translated by The Example Observer."
    for template in ("By {publication:>999999999}.", "By {publication!r}.",
                     "By {publication.__class__}."):
        with pytest.raises(ConfigError):
            disclaimer.render(template, values)
