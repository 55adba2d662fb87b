"""The glossary as a table."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.table import Table

from editorial.core.quality.glossary import Term
from editorial.render.escape import visible

HEADERS = ("source", "target", "variants", "forbidden", "note")
CAPS = (16, 14, 12, 14)


def glossary_table(terms: Sequence[Term], width: int) -> Table:
    """Columns as wide as their content up to a cap; the note takes what is left of `width`."""
    rows = [tuple(visible(cell) for cell in (
                ", ".join(term.spellings), term.target, ", ".join(term.variants) or "-",
                ", ".join(term.forbidden) or "-", term.note or "-"))
            for term in terms]
    widths = [min(cap, max(len(HEADERS[index]), *(cell_len(row[index]) for row in rows)))
              for index, cap in enumerate(CAPS)]
    widths.append(max(20, width - sum(widths) - 2 * len(CAPS)))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    for header, column_width in zip(HEADERS, widths, strict=True):
        table.add_column(header, width=column_width, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table
