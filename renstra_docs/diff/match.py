"""Which row of the old table is which row of the new one.

A row is first matched by its key (a matrix node's ID: P1.K1.S1, its next indicators
P1.K1.S1 (2) ...). A row left over on both sides is then matched by its code (the code itself,
or its counterpart in the crosswalk between the two sides' nomenclature versions), and what is
still left by its name under the same parent (the parent matched before). A node's next
indicator rows follow their node. So a changed code is a changed Kode cell and a renamed node a
changed name cell, never a row removed and a row added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..nomenclature import map_code, match_key
from ..tables.model import BodyRow, Table

CODE_COLUMN, NAME_COLUMN = "kode", "nama"  # column keys of the matrix tables
_CONTINUED = re.compile(r"^(?P<base>.+) \((?P<n>\d+)\)$")  # spec.unique_keys: "P1.K1.S1 (2)"

Versions = tuple[str, str]  # the nomenclature version of the old side and of the new side


class Node(NamedTuple):
    """What identifies a row besides its key: its code, its name and its parent row's key."""

    key: str
    code: str | None
    name: str | None
    parent: str | None


def match_rows(old: Table, new: Table, versions: Versions | None = None) -> dict[str, str]:
    """new row key -> old row key, for every new row that has a counterpart in `old`."""
    old_keys = {r.key for r in old.rows}
    pairs = {r.key: r.key for r in new.rows if r.key in old_keys}
    if len(pairs) == len(new.rows) or len(pairs) == len(old.rows):
        return pairs
    old_nodes, new_nodes = nodes(old), nodes(new)
    translate = _translation(versions)
    _pair(
        pairs,
        (old_nodes, lambda n, _: {n.code, translate(n.code)} - {None}),
        (new_nodes, lambda n, _: {n.code} - {None}),
    )
    while _pair(pairs, (old_nodes, _by_name), (new_nodes, _by_name)):
        pass  # a node paired by name lets its children be found under it
    _pair_continued(pairs, old, new)
    return pairs


def nodes(table: Table) -> list[Node]:
    """The rows that name a node (a code or a name in the matrix columns), in table order."""
    columns = _columns(table)
    if not columns:
        return []
    found: list[Node] = []
    parents: list[tuple[int, str]] = []  # (level, key) of the rows above, outermost first
    for row in table.rows:
        code, name = (_text(row, columns.get(k)) for k in (CODE_COLUMN, NAME_COLUMN))
        if code is None and name is None:
            continue
        while parents and parents[-1][0] >= row.level:
            parents.pop()
        found.append(Node(row.key, code, name, parents[-1][1] if parents else None))
        parents.append((row.level, row.key))
    return found


def code_and_name(table: Table, row: BodyRow) -> tuple[str | None, str | None]:
    """The row's code and name (None outside a matrix and on a node's next indicator rows)."""
    columns = _columns(table)
    return _text(row, columns.get(CODE_COLUMN)), _text(row, columns.get(NAME_COLUMN))


def _columns(table: Table) -> dict[str, int]:
    """Column key -> index of the code and name columns the table has."""
    keys = (CODE_COLUMN, NAME_COLUMN)
    return {c.key: i for i, c in enumerate(table.columns) if c.key in keys}


def _text(row: BodyRow, index: int | None) -> str | None:
    if index is None or row.spans or index >= len(row.cells):
        return None
    value = row.cells[index]
    return (value.strip() or None) if isinstance(value, str) else None


def _translation(versions: Versions | None) -> Callable[[str | None], str | None]:
    """A code of the old side -> its counterpart in the new side's version (None without)."""
    if versions is None or not all(versions) or versions[0] == versions[1]:
        return lambda code: code
    source, target = versions

    def translate(code: str | None) -> str | None:
        return map_code(code, source, target)[0] if code else None

    return translate


Identity = Callable[[Node, dict[str, str]], set]  # (node, its side's key -> new key) -> keys
Rows = tuple[list[Node], Identity]  # the nodes of one side and how each is identified


def _by_name(node: Node, parents: dict[str, str]) -> set:
    """The node's name under its parent's (new) key; nothing while the parent is unmatched."""
    if node.name is None or (node.parent is not None and node.parent not in parents):
        return set()
    return {(match_key(node.name), parents.get(node.parent) if node.parent else None)}


def _pair(pairs: dict[str, str], old: Rows, new: Rows) -> int:
    """Pair the rows left on both sides that share an identity (when only one new row has it);
    the number of rows paired."""
    (old_nodes, old_identity), (new_nodes, new_identity) = old, new
    matched = set(pairs.values())
    new_keys = {n: n for n in pairs}
    old_to_new = {o: n for n, o in pairs.items()}
    wanted: dict[object, list[str]] = {}
    for node in new_nodes:
        if node.key not in pairs:
            for identity in new_identity(node, new_keys):
                wanted.setdefault(identity, []).append(node.key)
    paired = 0
    for node in old_nodes:
        if node.key in matched:
            continue
        found = {k for i in old_identity(node, old_to_new) for k in wanted.get(i, ())}
        free = [k for k in found if k not in pairs]
        if len(free) == 1:
            pairs[free[0]] = node.key
            old_to_new[node.key] = free[0]
            matched.add(node.key)
            paired += 1
    return paired


def _pair_continued(pairs: dict[str, str], old: Table, new: Table) -> None:
    """A node's next indicator rows ("<key> (2)" ...) follow the node when its key changed."""
    old_keys = {r.key for r in old.rows}
    matched = set(pairs.values())
    for key, base, number in _continued(new):
        counterpart = pairs.get(base)
        if key in pairs or counterpart is None:
            continue
        old_key = f"{counterpart} ({number})"
        if old_key in old_keys and old_key not in matched:
            pairs[key] = old_key
            matched.add(old_key)


def _continued(table: Table) -> Iterator[tuple[str, str, str]]:
    keys = {r.key for r in table.rows}
    for row in table.rows:
        found = _CONTINUED.match(row.key)
        if found and found["base"] in keys:
            yield row.key, found["base"], found["n"]
