"""Article bodies made inert for the site generators that publish them.

A body is text from a pasted source and from the desk; on the site it must show as text and
never become something that runs: no Hugo shortcode (`{{< gist >}}` pulls in a third-party
script), no Jekyll Liquid (`{% include %}`, `{{ site.x }}`), no raw HTML (`<script>`,
`<iframe>`, `onerror=`), no `javascript:` link, no kramdown attribute list (`{: onclick=}`).

The text is neutralised in the output, not refused: the article still publishes and readers
see what was written. The same rewrite applies inside code blocks, where the site shows the
escaped form (`&lt;`): finding code the way every Markdown dialect would is not possible, and
guessing wrong would let markup through.
"""

from __future__ import annotations

import re

# `<` opening a tag, a closing tag, a comment, a declaration or a processing instruction:
# everything through which Markdown passes raw HTML. Autolinks to the web and to mail stay.
_HTML_OPENING = re.compile(r"(<(?:https?://|mailto:)[^\s<>]*>)|<(?=[A-Za-z/!?])", re.IGNORECASE)
# Where a link's destination begins: inline links and images, and reference definitions.
_LINK_DESTINATION = re.compile(r"\]\(\s*<?|^ {0,3}\[[^\]\n]+\]:\s*<?", re.MULTILINE)
# The destination up to where a scheme would have ended.
_DESTINATION_HEAD = re.compile(r"[^\s/?#()<>\"']*")
_WEB_OR_MAIL = re.compile(r"https?://|mailto:", re.IGNORECASE)
_HUGO_SHORTCODE = re.compile(r"\{(?=\{[<%])")
_KRAMDOWN_ATTRIBUTES = re.compile(r"\{(?=:)")
_LIQUID_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
OPEN_BRACE = "&#123;"


def _disarm_links(text: str) -> str:
    """Make a destination that names a scheme other than http(s) or mailto a relative path.

    A colon, an entity or a backslash before the first '/' may spell a scheme once the
    Markdown renderer or the browser decodes it (`java&#9;script:`), so any of them counts.
    """

    def disarm(match: re.Match[str]) -> str:
        rest = text[match.end():]
        head = _DESTINATION_HEAD.match(rest)
        assert head is not None  # the pattern matches the empty string
        risky = any(mark in head.group() for mark in (":", "&", "\\"))
        return match.group() + ("./" if risky and not _WEB_OR_MAIL.match(rest) else "")

    return _LINK_DESTINATION.sub(disarm, text)


def _escape_html(text: str) -> str:
    return _HTML_OPENING.sub(lambda match: match.group(1) or "&lt;", text)


def html_free(text: str) -> str:
    """Markdown with no raw HTML and no link that runs script, for any Markdown renderer."""
    return _escape_html(_disarm_links(text))


def hugo_body(body: str) -> str:
    """A body for a Hugo content file: shortcodes are read before the Markdown, anywhere
    in the file, so their opening braces are written as an entity Hugo does not read."""
    return _HUGO_SHORTCODE.sub(OPEN_BRACE, html_free(body))


def kramdown_body(body: str) -> str:
    """A body for Jekyll's kramdown, whose `{:...}` attribute lists can add any attribute
    (an event handler) to the element before them."""
    return _KRAMDOWN_ATTRIBUTES.sub(OPEN_BRACE, html_free(body))


def liquid_raw(text: str) -> str:
    """Text Jekyll's Liquid passes through as it is: inside `{% raw %}`, where only an
    endraw tag means something, so the `{%` of one in the text is printed by a Liquid string
    between two raw blocks. (A `}` inside `{{ }}` would end the output tag early.)"""
    text = _LIQUID_ENDRAW.sub(
        lambda match: '{% endraw %}{{ "{%" }}{% raw %}' + match.group()[2:], text)
    return "{% raw %}" + text + "{% endraw %}\n"
