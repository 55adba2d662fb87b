"""How well the translation-quality and formal rules find what they should: precision and
recall of each rule on the labelled corpus in `benchmarks/quality_corpus/`.

Each case of the corpus is an Arabic source, its English text and the rules that SHOULD fire
on it (none for a harmless variant). One newsroom is built per run, in a temporary folder,
with the corpus's glossary and every case as an article taken through the real Desk API
(`new`, `assign`, and `submit` where the case is handed off), then the rules run on each
case through the library. A rule that is not registered (yet) is shown as not available.

    python benchmarks/quality_eval.py              # the table, as Markdown
    python benchmarks/quality_eval.py --misses     # and each case a rule got wrong
    python benchmarks/quality_eval.py --only numbers-   # the cases whose id starts so
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path(__file__).resolve().parent / "quality_corpus"
GLOSSARY = "glossary.yaml"
# The rules the corpus is labelled for: the quality rules, the numbers rule's counterpart
# for numbers the English adds, and the formal rules.
EVALUATED = ("numbers", "extra-numbers", "omission", "glossary", "untranslated-script",
             "invisible-characters", "source-changed", "double-spaces", "repeated-words",
             "unpaired-marks", "end-punctuation", "urls-emails", "markdown-links",
             "inconsistent-translation")
# What a ratio with nothing to count shows.
NONE = "n/a"
CASE_KEYS = frozenset({"id", "about", "note", "source", "english", "draft", "source_after",
                       "published", "expect"})


@dataclass(frozen=True)
class Case:
    id: str
    about: str            # the rule the case is written for
    source: str
    english: str
    expect: frozenset[str]
    draft: str | None = None          # the translator's handed-off text; english is the edit
    source_after: str | None = None   # source.md as changed after hand-off
    published: tuple[tuple[str, str], ...] = ()  # other published articles: (source, english)
    note: str = ""

    @property
    def handed_off(self) -> bool:
        return self.draft is not None or self.source_after is not None


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    """Every case of the corpus's `cases_*.yaml` files, in file order."""
    import yaml  # the corpus is YAML; safe loader only, as everywhere

    cases = []
    for path in sorted(folder.glob("cases_*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            unknown = set(entry) - CASE_KEYS
            if unknown:
                raise ValueError(f"{path.name}: case {entry.get('id')!r} has unknown keys "
                                 f"{sorted(unknown)}")
            cases.append(Case(
                id=str(entry["id"]), about=str(entry["about"]), source=str(entry["source"]),
                english=str(entry["english"]), expect=frozenset(entry.get("expect") or ()),
                draft=entry.get("draft"), source_after=entry.get("source_after"),
                published=tuple((str(item["source"]), str(item["english"]))
                                for item in entry.get("published") or ()),
                note=str(entry.get("note", ""))))
    return cases


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(hits: int, total: int) -> str:
        return f"{hits / total:.2f}" if total else NONE

    @property
    def precision(self) -> str:
        return self.ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> str:
        return self.ratio(self.tp, self.tp + self.fn)


def build_newsroom(root: Path, cases: Sequence[Case]) -> None:
    """A newsroom holding every case as an article (and each case's published companions),
    made by `editorial init` and the Desk API, committed once."""
    from benchmarks.generate import _git, _identity, _write_body, init_newsroom
    from editorial.core import frontmatter
    from editorial.core.desk import Desk, SourceText
    from editorial.core.newsroom import Newsroom

    init_newsroom(root)
    (root / GLOSSARY).write_bytes((CORPUS / GLOSSARY).read_bytes())
    newsroom = Newsroom(root)
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    editor = Desk(newsroom, newsroom.person("dana"), vcs=None, clock=lambda: at)
    translator = Desk(newsroom, newsroom.person("tariq"), vcs=None, clock=lambda: at)

    def article(article_id: str, source: str, title: str) -> Path:
        editor.new(SourceText(text=source, language="ar", title=title), article_id=article_id)
        editor.assign(article_id, translator="tariq")
        return root / "articles" / article_id

    for case in cases:
        folder = article(case.id, case.source, f"Case {case.id}")
        if not case.handed_off:
            _write_body(folder / "translation.md", case.english)
        else:
            _write_body(folder / "translation.md", case.draft or case.english)
            translator.take(case.id, "submit")
            _write_body(folder / "article.md", case.english)
            if case.source_after is not None:
                _write_body(folder / "source.md", case.source_after)
        for number, (source, english) in enumerate(case.published, start=1):
            other = article(f"{case.id}-published-{number}", source, f"Published {number}")
            document = frontmatter.read(other / "article.md")
            document.meta["stage"] = "published"
            document.body = english
            (other / "article.md").write_bytes(document.to_bytes())
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "The labelled cases", env=_identity("dana"))


def findings(root: Path, cases: Sequence[Case]) -> dict[str, set[str]]:
    """The rules (of those evaluated and registered) that fire on each case."""
    from editorial.core.checks import load_rules
    from editorial.core.checks.base import ArticleCheck, ArticleFiles, run_rules
    from editorial.core.newsroom import Newsroom

    registered = load_rules()
    rules = [registered[rule_id] for rule_id in EVALUATED if rule_id in registered]
    newsroom = Newsroom(root)
    fired: dict[str, set[str]] = {}
    for case in cases:
        folder = root / "articles" / case.id
        files: dict[str, bytes | None] = {
            name: (folder / name).read_bytes() if (folder / name).is_file() else None
            for name in ("article.md", "source.md", "translation.md")}
        check = ArticleCheck(newsroom, case.id, ArticleFiles(case.id, files))
        fired[case.id] = {problem.rule for problem in run_rules(check, {}, rules)}
    return fired


def tally(cases: Iterable[Case], fired: dict[str, set[str]]) -> dict[str, Tally]:
    counts = {rule_id: Tally() for rule_id in EVALUATED}
    for case in cases:
        for rule_id, count in counts.items():
            expected, found = rule_id in case.expect, rule_id in fired[case.id]
            if expected and found:
                count.tp += 1
            elif found:
                count.fp += 1
                count.misses.append(f"{case.id}: fired, should not")
            elif expected:
                count.fn += 1
                count.misses.append(f"{case.id}: silent, should fire")
    return counts


def table(counts: dict[str, Tally], registered: Iterable[str]) -> str:
    known = set(registered)
    lines = ["| rule | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
    for rule_id, count in counts.items():
        if rule_id not in known:
            lines.append(f"| `{rule_id}` | - | - | - | not available | not available |")
        else:
            lines.append(f"| `{rule_id}` | {count.tp} | {count.fp} | {count.fn} | "
                         f"{count.precision} | {count.recall} |")
    return "\n".join(lines)


def evaluate(cases: Sequence[Case], *, misses: bool = False) -> str:
    """The Markdown report for `cases`, from a newsroom built for this run."""
    from editorial.core.checks import load_rules

    with tempfile.TemporaryDirectory(prefix="editorial-quality-eval-") as folder:
        root = Path(folder) / "newsroom"
        build_newsroom(root, cases)
        counts = tally(cases, findings(root, cases))
    report = [f"{len(cases)} cases.", "", table(counts, load_rules())]
    if misses:
        for rule_id, count in counts.items():
            if count.misses and rule_id in load_rules():
                report += ["", f"### {rule_id}", *(f"- {miss}" for miss in count.misses)]
    return "\n".join(report)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the cases whose id starts so")
    parser.add_argument("--misses", action="store_true",
                        help="list each case a rule got wrong")
    args = parser.parse_args(argv)
    cases = [case for case in load_corpus() if case.id.startswith(args.only)]
    print(evaluate(cases, misses=args.misses))


if __name__ == "__main__":
    main()

