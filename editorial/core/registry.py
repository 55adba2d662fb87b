"""The one way editorial is extended: a registry per kind of thing a workflow or a desk can
name (publish targets, check rules, gates, effects).

A module registers what it defines when it is imported, with the registry's decorator; the
workflow loader, `check`, the documentation tests and the README tables all read the same
registry, so a new target, rule, gate or effect is one module plus its tests and docs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

Item = TypeVar("Item")


class Registry(Mapping[str, Item]):
    """Named items of one kind, in the order they were registered: a read-only mapping
    (name -> item) that grows only through `add` or `register`."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Item] = {}

    def add(self, name: str, item: Item) -> Item:
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._items[name] = item
        return item

    def register(self, name: str) -> Callable[[Item], Item]:
        """A decorator that registers what it decorates under `name`."""
        def decorate(item: Item) -> Item:
            return self.add(name, item)
        return decorate

    def remove(self, name: str) -> None:
        """Take an item out again: for tests that register a toy one."""
        del self._items[name]

    def __getitem__(self, name: str) -> Item:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        return list(self._items)
