"""How groups of children are linked: which groups are the same children, and which
groups are inside which. One reading of the links, used by the totals and by the
validation of a write, so that both agree on what a link means.

* "The same children as" joins groups into one set of children (either direction:
  if A is the same as B and B part of C, A is part of C too).
* "Part of" puts a set of children inside another.
* The links may not make a loop (a set inside itself), and a set may not be part of
  itself through a "same" link.

Pure Python over (group, counted_in, relation) triples: links are few next to groups,
and following them in SQL with many links per group would need unbounded recursion.
"""

from __future__ import annotations

from collections.abc import Iterable

SAME = "same"
PART = "part"

Link = tuple[int, int, str]  # (group id, id of the group it is counted in, relation)


class LinkGraph:
    def __init__(self, links: Iterable[Link]) -> None:
        self._parent: dict[int, int] = {}
        parts: list[tuple[int, int]] = []
        for group, counted_in, relation in links:
            if relation == SAME:
                self._join(group, counted_in)
            else:
                parts.append((group, counted_in))
        self.up: dict[int, set[int]] = {}
        self.down: dict[int, set[int]] = {}
        self.part_inside_itself = False
        for group, counted_in in parts:
            inner, outer = self.set_of(group), self.set_of(counted_in)
            if inner == outer:
                self.part_inside_itself = True
                continue
            self.up.setdefault(inner, set()).add(outer)
            self.down.setdefault(outer, set()).add(inner)
        self._above: dict[int, frozenset[int]] = {}
        self._below: dict[int, frozenset[int]] = {}

    def _root(self, node: int) -> int:
        while self._parent.get(node, node) != node:
            node = self._parent[node]
        return node

    def _join(self, a: int, b: int) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def set_of(self, group: int) -> int:
        """The set of children a group belongs to, named by its smallest group id."""
        return self._root(group)

    def above(self, children: int) -> frozenset[int]:
        """The sets that hold `children` (a set), directly or through other sets."""
        return self._reach(children, self.up, self._above)

    def below(self, children: int) -> frozenset[int]:
        """The sets inside `children`, directly or through other sets."""
        return self._reach(children, self.down, self._below)

    @staticmethod
    def _reach(start: int, edges: dict[int, set[int]], memo: dict) -> frozenset[int]:
        if start not in memo:
            seen: set[int] = set()
            todo = list(edges.get(start, ()))
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(edges.get(node, ()))
            memo[start] = frozenset(seen)
        return memo[start]

    def has_loop(self) -> bool:
        """Whether some set of children is inside itself."""
        return self.part_inside_itself or any(s in self.above(s) for s in list(self.up))
