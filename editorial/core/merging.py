"""Merging two branches' versions of an article.md: what `editorial merge-driver` does for git.

A line-based merge sees two steps appended to the same `history` as a conflict, and taking
either side drops the other's step. Here the history is merged as what it is, a log: the
steps of both branches, in time order, as one line of stages. The keys the history
determines follow from it, other front matter keys merge key by key, and the body merges
line by line through `merge_text` (git's own three-way merge, given by the caller).

Pure functions over bytes: reading and writing the files, and running git, are the caller's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editorial.core import frontmatter, yamlio
from editorial.core.article import ARTICLE_FILE, ARTICLES_DIR, ordered_meta, parse_time
from editorial.core.checks.history import describe, entry_key
from editorial.core.files import ChangeSet, read_if_inside
from editorial.errors import InvalidDataError

# (base, ours, theirs) -> (merged, clean); a conflict is left marked in the merged bytes.
MergeText = Callable[[bytes, bytes, bytes], tuple[bytes, bool]]

OURS_MARK, SPLIT_MARK, THEIRS_MARK = "<<<<<<< ours\n", "=======\n", ">>>>>>> theirs\n"
# The driver's name in .gitattributes and in git's configuration (merge.editorial.*).
DRIVER = "editorial"
ATTRIBUTES_FILE = ".gitattributes"
ATTRIBUTE_LINE = f"{ARTICLES_DIR}/*/{ARTICLE_FILE} merge={DRIVER}"
_MISSING = object()
# What follows from the merged history rather than from a key-by-key merge.
DERIVED_KEYS = ("history", "stage", "updated_at")
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class Merged:
    """The merged file, and one line per conflict saying what to do (none: a clean merge)."""

    data: bytes
    conflicts: list[str] = field(default_factory=list)


def merge_article(base: bytes, ours: bytes, theirs: bytes, *, path: str,
                  merge_text: MergeText) -> Merged:
    """Merge three versions of an article.md. Front matter that does not parse is not
    guessed at: the files are merged as text."""
    try:
        documents = [frontmatter.parse(data, path=path) for data in (base, ours, theirs)]
    except InvalidDataError:
        return merge_plain(base, ours, theirs, path=path, merge_text=merge_text)
    old, mine, other = documents
    conflicts: list[str] = []
    body, clean = merge_text(old.body.encode("utf-8"), mine.body.encode("utf-8"),
                             other.body.encode("utf-8"))
    if not clean:
        conflicts.append(f"{path}: both branches changed the same lines of the text, marked "
                         "<<<<<<< ours / >>>>>>> theirs: edit the text to what the article "
                         f"should say (its front matter is merged), then 'git add {path}'")
    meta, marked = _merge_meta(old.meta, mine.meta, other.meta, path, conflicts)
    text = body.decode("utf-8")  # the three bodies are UTF-8, and so is git's merge of them
    if not marked and meta == mine.meta and body == mine.body.encode("utf-8"):
        data = ours  # nothing of theirs to add: ours as it was, byte for byte
    elif not marked:
        data = frontmatter.Document(meta, text, mine.newline).to_bytes()
    else:
        data = frontmatter.assemble(_marked_yaml(meta, marked), text, mine.newline)
    return Merged(data, conflicts)


def add_attributes(changes: ChangeSet, root: Path) -> Path:
    """Queue the .gitattributes line that has git merge article.md with the driver, after
    whatever the file already says; nothing when it is there. Returns the file's path."""
    path = root / ATTRIBUTES_FILE
    text = (read_if_inside(root, path) or b"").decode("utf-8", "surrogateescape")
    if ATTRIBUTE_LINE not in text.splitlines():
        separator = "\n" if text and not text.endswith("\n") else ""
        changes.write(path, f"{text}{separator}{ATTRIBUTE_LINE}\n".encode(
            "utf-8", "surrogateescape"))
    return path


def merge_plain(base: bytes, ours: bytes, theirs: bytes, *, path: str,
                merge_text: MergeText) -> Merged:
    merged, clean = merge_text(base, ours, theirs)
    return Merged(merged, [] if clean else [
        f"{path}: both branches changed the same lines, marked <<<<<<< ours / >>>>>>> "
        f"theirs: edit the file to what it should say, then 'git add {path}'"])


def _merge_meta(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                path: str, conflicts: list[str]
                ) -> tuple[dict[str, Any], dict[str, tuple[object, object]]]:
    """The merged front matter, and the keys in conflict with (ours, theirs) for each;
    `_MISSING` stands for a key a side does not have."""
    merged: dict[str, Any] = {}
    marked: dict[str, tuple[object, object]] = {}
    said = len(conflicts)
    history = _merge_history(base.get("history"), ours.get("history"), theirs.get("history"),
                             path, conflicts)
    history_said = len(conflicts) > said
    for key in dict.fromkeys([*ours, *theirs]):
        old, mine, other = (side.get(key, _MISSING) for side in (base, ours, theirs))
        if key == "updated_at" or (history is not None and key in DERIVED_KEYS):
            merged[key] = _derived(key, history or [], mine, other)
        elif mine == other or other == old:
            merged[key] = mine
        elif mine == old:
            merged[key] = other
        else:
            marked[key] = (mine, other)
            # A history that cannot be merged is said once, with what to do; the stage
            # it ends in follows from it.
            if key not in DERIVED_KEYS or not history_said:
                conflicts.append(f"{path}: both branches changed {key!r} (ours: "
                                 f"{_shown(mine)}, theirs: {_shown(other)}), marked in the "
                                 "front matter: write the value it should have, then "
                                 f"'git add {path}'")
    return ordered_meta({key: value for key, value in merged.items()
                         if value is not _MISSING}), marked


def _derived(key: str, history: list[Any], mine: object, other: object) -> object:
    """A key the merged history determines: the history itself, the stage it ends in, and
    the time of the last change (the later of the two sides')."""
    if key == "history":
        return history
    if key == "stage" and history and isinstance(history[-1], dict):
        return history[-1].get("to")
    if key == "updated_at" and mine is not _MISSING and other is not _MISSING:
        return max((mine, other), key=lambda value: parse_time(value) or _EARLIEST)
    return mine if mine is not _MISSING else other


def _shown(value: object) -> str:
    return "no value" if value is _MISSING else repr(value)


def _merge_history(base: object, ours: object, theirs: object, path: str,
                   conflicts: list[str]) -> list[Any] | None:
    """Both branches' steps as one history, or None (and a conflict said) when they cannot
    be: a branch that dropped or rewrote a common entry, or both moving the stage."""
    if not all(isinstance(entries, list) for entries in (ours, theirs)):
        return None
    assert isinstance(ours, list) and isinstance(theirs, list)
    common = base if isinstance(base, list) else []
    for side, entries in (("ours", ours), ("theirs", theirs)):
        lost = next((index for index, entry in enumerate(common)
                     if index >= len(entries) or entry_key(entries[index]) != entry_key(entry)),
                    None)
        if lost is not None:
            conflicts.append(
                f"{path}: history is append-only, but {side} changed or dropped history"
                f"[{lost}] ({describe(common[lost])}) of the common version: the merged "
                f"history holds every entry of that version ('git show :1:{path}'), then "
                f"the new steps of both branches in time order; write it so, then "
                f"'git add {path}'")
            return None
    mine = ours[len(common):]
    seen = {entry_key(entry) for entry in mine}
    other = [entry for entry in theirs[len(common):] if entry_key(entry) not in seen]
    movers = [next((entry for entry in side if _moves(entry)), None) for side in (mine, other)]
    if movers[0] is not None and movers[1] is not None:
        stage = movers[0].get("from") if isinstance(movers[0], dict) else None
        conflicts.append(
            f"{path}: both branches moved the article on from stage {stage!r} (ours: "
            f"{describe(movers[0])}; theirs: {describe(movers[1])}), and a history is one "
            "line of steps: run 'git merge --abort', undo one of the two steps on its branch "
            "('git revert' its commit) and merge again; its person takes it again afterwards "
            "if it still stands")
        return None
    start = common[-1].get("to") if common and isinstance(common[-1], dict) else None
    merged = _interleave(start, mine, other)
    if merged is None:
        conflicts.append(f"{path}: the new steps of the two branches do not follow one "
                         "another from any order (each step's `from` must be where the step "
                         "before ended): write the history by hand, keeping every step of "
                         f"both branches, then 'git add {path}'")
        return None
    return [*common, *merged]


def _moves(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("from") != entry.get("to")


def _interleave(start: object, first: list[Any], second: list[Any]) -> list[Any] | None:
    """`first` and `second`, each in its own order, as one line of steps (each starting where
    the one before ended), earliest `at` first wherever the line allows a choice; None if no
    order makes a line. At most one of them moves the stage, so where the line stands after
    taking i of `first` and j of `second` depends only on how many of the mover's were
    taken."""
    mover_first = any(_moves(entry) for entry in first)
    moving = first if mover_first else second
    stages = [start]
    for entry in moving:
        stages.append(entry.get("to") if isinstance(entry, dict) else None)

    def stage(i: int, j: int) -> object:
        return stages[i if mover_first else j]

    def fits(entry: object, at: object) -> bool:
        return isinstance(entry, dict) and entry.get("from") == at

    # possible[i][j]: the steps from first[i:] and second[j:] can still all be placed.
    possible = [[False] * (len(second) + 1) for _ in range(len(first) + 1)]
    possible[len(first)][len(second)] = True
    for i in range(len(first), -1, -1):
        for j in range(len(second), -1, -1):
            if (i, j) == (len(first), len(second)):
                continue
            possible[i][j] = (
                (i < len(first) and fits(first[i], stage(i, j)) and possible[i + 1][j])
                or (j < len(second) and fits(second[j], stage(i, j)) and possible[i][j + 1]))
    if not possible[0][0]:
        return None
    merged: list[Any] = []
    i = j = 0
    while (i, j) != (len(first), len(second)):
        take_first = i < len(first) and fits(first[i], stage(i, j)) and possible[i + 1][j]
        take_second = j < len(second) and fits(second[j], stage(i, j)) and possible[i][j + 1]
        if take_first and take_second:
            take_first = _time(first[i]) <= _time(second[j])
        if take_first:
            merged.append(first[i])
            i += 1
        else:
            merged.append(second[j])
            j += 1
    return merged


def _time(entry: Any) -> datetime:
    return parse_time(entry.get("at")) or _EARLIEST


def _marked_yaml(meta: dict[str, Any], marked: dict[str, tuple[object, object]]) -> str:
    """The front matter with each conflicting key written twice, between git's conflict
    markers: ours, then theirs."""
    lines: list[str] = []
    for key in ordered_meta({**meta, **dict.fromkeys(marked)}):
        if key not in marked:
            lines.append(yamlio.dump({key: meta[key]}))
            continue
        lines.append(OURS_MARK)
        lines.extend(yamlio.dump({key: value}) for value in marked[key][:1]
                     if value is not _MISSING)
        lines.append(SPLIT_MARK)
        lines.extend(yamlio.dump({key: value}) for value in marked[key][1:]
                     if value is not _MISSING)
        lines.append(THEIRS_MARK)
    return "".join(lines)
