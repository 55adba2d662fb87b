"""A paragraph-aware word diff of two texts, for showing as track changes.

Both texts are cut into units and aligned on a longest common subsequence (tokens.py),
which keeps as much unchanged context as possible. The result is
a list of paragraphs, each a list of chunks that are equal, deleted or inserted. Equal text
is shown with the spacing of the newer text; a paragraph break that exists in only one of
the texts (an editor joined or split paragraphs) is kept as the paragraph's `end`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from editorial.core.review.metrics import EditMetrics, measure_units
from editorial.core.review.tokens import Unit, align, direction, tokenize

Op = Literal["equal", "delete", "insert"]


@dataclass
class Chunk:
    op: Op
    space: str  # whitespace before the chunk, shown outside any change mark
    text: str

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "space": self.space, "text": self.text}


@dataclass
class Paragraph:
    chunks: list[Chunk] = field(default_factory=list)
    # How the paragraph ends: a break both texts have ("equal"), one the editor removed
    # ("delete") or added ("insert"), or None for the last paragraph.
    end: Op | None = None

    @property
    def direction(self) -> Literal["rtl", "ltr"]:
        return direction("".join(chunk.text for chunk in self.chunks))

    @property
    def changed(self) -> bool:
        return self.end in ("delete", "insert") or any(c.op != "equal" for c in self.chunks)

    def to_json(self) -> dict[str, Any]:
        return {"dir": self.direction, "end": self.end,
                "chunks": [chunk.to_json() for chunk in self.chunks]}


@dataclass
class TextDiff:
    paragraphs: list[Paragraph]
    metrics: EditMetrics

    @property
    def changed(self) -> bool:
        return any(paragraph.changed for paragraph in self.paragraphs)

    def to_json(self) -> dict[str, Any]:
        return {"stats": self.metrics.to_json(),
                "paragraphs": [paragraph.to_json() for paragraph in self.paragraphs]}


class _Builder:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = [Paragraph()]
        # The open chunk as (op, space, parts), joined once it is complete.
        self.open: tuple[Op, str, list[str]] | None = None

    def add(self, op: Op, unit: Unit, space: str | None = None) -> None:
        if unit.kind == "break":
            self._close_chunk()
            self.paragraphs[-1].end = op
            self.paragraphs.append(Paragraph())
            return
        space = unit.space if space is None else space
        if self.open is not None and self.open[0] == op:
            self.open[2].extend((space, unit.text))
            return
        self._close_chunk()
        if not self.paragraphs[-1].chunks:
            # A paragraph starts at its first word, even where two were joined.
            space = ""
        self.open = (op, space, [unit.text])

    def _close_chunk(self) -> None:
        if self.open is not None:
            op, space, parts = self.open
            self.paragraphs[-1].chunks.append(Chunk(op, space, "".join(parts)))
            self.open = None

    def finish(self) -> list[Paragraph]:
        self._close_chunk()
        # Neither text ends with a break, so only an empty text leaves an empty paragraph.
        return [p for p in self.paragraphs if p.chunks or p.end is not None]


def _replace(builder: _Builder, deleted: list[Unit], inserted: list[Unit]) -> None:
    for unit in deleted:
        builder.add("delete", unit)
    for index, unit in enumerate(inserted):
        # A replacement reads as one: the new words follow the old ones without a gap.
        builder.add("insert", unit, "" if index == 0 and deleted else None)


def diff_texts(before_text: str, after_text: str) -> TextDiff:
    before, after = tokenize(before_text), tokenize(after_text)
    alignment = align(before, after)
    builder = _Builder()
    # Deletions and insertions between two equal runs are shown deletions first, as one
    # replacement, whatever order the alignment found them in.
    deleted: list[Unit] = []
    inserted: list[Unit] = []
    for opcode in alignment:
        if opcode.tag == "delete":
            deleted.extend(before[opcode.src_start:opcode.src_end])
        elif opcode.tag == "insert":
            inserted.extend(after[opcode.dest_start:opcode.dest_end])
        else:
            _replace(builder, deleted, inserted)
            for offset in range(opcode.src_end - opcode.src_start):
                old, new = before[opcode.src_start + offset], after[opcode.dest_start + offset]
                # Text the editor deleted took its space with it: keep the older spacing
                # so that the next word does not stick to the deletion.
                space = old.space if deleted and not inserted and not new.space else new.space
                builder.add("equal", new, space)
                deleted, inserted = [], []
    _replace(builder, deleted, inserted)
    return TextDiff(builder.finish(), measure_units(before, after, alignment))
