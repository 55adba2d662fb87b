"""The floor the benchmarks compare against: read every article.md's front matter with
PyYAML's C safe loader, and nothing more. No listing, no checks, no output.

    python benchmarks/floor.py NEWSROOM
"""

import os
import sys

import yaml


def main() -> None:
    articles = os.path.join(sys.argv[1], "articles")
    for name in os.listdir(articles):
        try:
            with open(os.path.join(articles, name, "article.md"), encoding="utf-8") as handle:
                text = handle.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
        if text.startswith("---\n"):
            yaml.load(text[4:text.find("\n---\n", 3)], Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
