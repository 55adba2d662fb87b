"""A real Hugo site around a newsroom's hugo target, built to see what a reader sees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from testing.newsroom import Newsroom

SINGLE_LAYOUT = """<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<div class="content">{{ .Content }}</div>
<p class="source">{{ .Params.source.outlet }}</p>
</body></html>
"""


def build_hugo_site(newsroom: Newsroom, tmp_path: Path) -> Path:
    site = newsroom.path("site")
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE_LAYOUT)
    (site / "layouts" / "_default" / "list.html").write_text("<ul></ul>\n")
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Observer"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    public = tmp_path / "public"
    shutil.rmtree(public, ignore_errors=True)
    subprocess.run(["hugo", "--quiet", "--source", str(site), "--destination", str(public)],
                   check=True, capture_output=True, text=True)
    return public
