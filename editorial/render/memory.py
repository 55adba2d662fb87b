"""The translation memory for people: `tm`'s matches and `concordance`'s occurrences.

Every text shown comes from the newsroom's files, so each is escaped (`render.escape`) and
handed to rich as plain `Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from editorial.core.memory.match import Concordance, ParagraphMatches, TermUse
from editorial.core.memory.store import StoredSegment
from editorial.core.quality.glossary import Term
from editorial.render.escape import visible


def _origin(segment: StoredSegment) -> str:
    where = f"{segment.article} ¶{segment.paragraph}"
    if segment.sentence:
        where += f" sentence {segment.sentence}"
    return visible(" · ".join(part for part in (where, (segment.date or "")[:10],
                                                 segment.editor) if part))


def _terms_line(terms: Sequence[Term], found: Sequence[str]) -> Text:
    line = Text("glossary: ", style="dim")
    for position, (term, spelling) in enumerate(zip(terms, found, strict=True)):
        if position:
            line.append("; ")
        line.append(f"«{visible(spelling)}» → ")
        line.append(visible(term.target), style="bold")
        if term.variants:
            line.append(f" (or {visible(', '.join(term.variants))})")
        if term.forbidden:
            line.append(f", not {visible(', '.join(term.forbidden))}", style="dim")
    return line


def _uses_line(uses: Sequence[TermUse]) -> Text:
    return _terms_line([use.term for use in uses], [use.found for use in uses])


def print_matches(console: Console, article_id: str, found: Sequence[ParagraphMatches],
                  threshold: int) -> None:
    matched = sum(1 for paragraph in found if paragraph.matches)
    console.print(Text(f"{visible(article_id)}: {matched} of {len(found)} source paragraphs "
                       f"have a match at or above {threshold}%", style="bold"))
    for paragraph in found:
        console.print()
        console.print(Text(f"¶{paragraph.paragraph.number} (source.md line "
                           f"{paragraph.paragraph.line})", style="bold"))
        console.print(Padding(Text(visible(paragraph.paragraph.text, multiline=True)),
                              (0, 0, 0, 2)))
        if paragraph.terms:
            console.print(Padding(_uses_line(paragraph.terms), (0, 0, 0, 2)))
        if not paragraph.matches:
            console.print(Padding(Text("no match", style="dim"), (0, 0, 0, 2)))
            continue
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("rendered as", ratio=3, overflow="fold")
        table.add_column("from", ratio=1, overflow="fold")
        for match in paragraph.matches:
            table.add_row(Text(f"{match.score}%" + (" exact" if match.exact else ""),
                               style="green" if match.exact else "yellow"),
                          Text(visible(match.segment.english, multiline=True)),
                          Text(_origin(match.segment)))
        console.print(Padding(table, (0, 0, 0, 2)))


def print_concordance(console: Console, result: Concordance) -> None:
    count = len(result.occurrences)
    console.print(Text(f"«{visible(result.query)}»: {count} occurrence{'s' if count != 1 else ''}"
                       f" in the {'source' if result.side == 'source' else 'English'} texts "
                       "of the archive, newest first", style="bold"))
    if result.terms:
        console.print(_terms_line(result.terms, [term.source for term in result.terms]))
    if not count:
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("source", ratio=1, overflow="fold")
    table.add_column("English", ratio=1, overflow="fold")
    table.add_column("from", ratio=1, overflow="fold")
    for segment in result.occurrences:
        table.add_row(Text(visible(segment.source)), Text(visible(segment.english)),
                      Text(_origin(segment)))
    console.print(table)
